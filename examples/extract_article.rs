//! Reads one raw article (a path, or stdin) and prints its extraction as pretty JSON.
//!
//! ```text
//! cargo run --release --example extract_article -- fixtures/articles/longgang-cuhksz.txt 2020-12-30
//! echo "12月29日,签约仪式举行。" | cargo run --example extract_article
//! ```
//!
//! Uses the library only: no `cli` feature needed.

use std::io::Read;
use std::process::ExitCode;

use zhnews::{Article, Extractor, ReferenceDate};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args.next();
    let date = match args.next().map(|d| d.parse::<ReferenceDate>()).transpose() {
        Ok(date) => date,
        Err(e) => {
            eprintln!("extract_article: {e}");
            return ExitCode::from(2);
        }
    };
    let text = match read(path.as_deref()) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("extract_article: {e}");
            return ExitCode::from(2);
        }
    };
    let mut article = Article::new(text);
    article.date = date;
    let extraction = Extractor::new().extract(&article);
    match serde_json::to_string_pretty(&extraction) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("extract_article: {e}");
            ExitCode::from(1)
        }
    }
}

fn read(path: Option<&str>) -> std::io::Result<String> {
    let mut text = String::new();
    match path {
        None | Some("-") => {
            std::io::stdin().read_to_string(&mut text)?;
        }
        Some(path) => text = std::fs::read_to_string(path)?,
    }
    Ok(text)
}
