//! The `zhnews` binary: arguments, row contract, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn zhnews(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("binary finishes")
}

fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn extract_file_prints_one_pretty_document() {
    let out = zhnews(
        &[
            "extract",
            "fixtures/articles/longgang-cuhksz.txt",
            "--date",
            "2020-12-30",
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON document");
    assert_eq!(doc["id"], "longgang-cuhksz");
    assert_eq!(doc["reference_date"], "2020-12-30");
    assert_eq!(doc["sections"].as_array().map(Vec::len), Some(8));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\n  \"organizations\""));
}

#[test]
fn jsonl_gives_one_row_per_row_in_order_with_error_rows() {
    let input = concat!(
        "{\"id\":\"a\",\"text\":\"(编辑:张三)\"}\n",
        "not json\n",
        "\n",
        "{\"id\":\"c\"}\n",
        "{\"id\":\"d\",\"text\":\"正文\",\"date\":\"2020-02-30\"}\n",
        "{\"id\":5,\"text\":\"正文\",\"extra\":[1]}\n",
    );
    let out = zhnews(&["extract", "--jsonl", "-"], input.as_bytes());
    assert!(out.status.success());
    let rows = lines(&out);
    let ids: Vec<_> = rows.iter().map(|r| r["id"].clone()).collect();
    assert_eq!(
        ids,
        [
            serde_json::json!("a"),
            serde_json::Value::Null,
            "c".into(),
            "d".into(),
            "5".into()
        ]
    );
    let kinds: Vec<_> = rows
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap_or("ok"))
        .collect();
    assert_eq!(
        kinds,
        ["ok", "invalid_json", "missing_text", "bad_date", "ok"]
    );
    assert_eq!(rows[0]["credits"][0]["value"], "张三");
}

#[test]
fn strict_makes_error_rows_fail_the_run() {
    let out = zhnews(&["extract", "--jsonl", "--strict"], b"{\"text\":1}\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), 1);
    let ok = zhnews(&["extract", "--jsonl", "--strict"], b"{\"text\":\"a\"}\n");
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn date_option_is_the_fallback_reference() {
    let input =
        "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"x\",\"date\":\"2001-01-01\"}\n";
    let out = zhnews(
        &["extract", "--jsonl", "--date", "2020-12-30"],
        input.as_bytes(),
    );
    let rows = lines(&out);
    assert_eq!(rows[0]["reference_date"], "2020-12-30");
    assert_eq!(rows[1]["reference_date"], "2001-01-01");
}

#[test]
fn bad_arguments_are_usage_errors() {
    assert_eq!(
        zhnews(&["extract", "--date", "yesterday", "x.txt"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        zhnews(&["extract", "--fields", "nope", "x.txt"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        zhnews(&["extract", "no-such-file.txt"], b"").status.code(),
        Some(2)
    );
    let help = zhnews(&["extract", "--help"], b"");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--jsonl"));
}

#[test]
fn numeral_prints_value_or_error_per_input() {
    let out = zhnews(&["numeral", "三千五百", "三千五百人"], b"");
    let rows = lines(&out);
    assert_eq!(
        rows[0],
        serde_json::json!({"input": "三千五百", "value": 3500})
    );
    assert_eq!(rows[1]["input"], "三千五百人");
    assert!(rows[1]["error"].is_string());
    let out = zhnews(
        &["numeral", "--jsonl", "-"],
        "{\"input\":\"1.2万\"}\n".as_bytes(),
    );
    assert_eq!(lines(&out)[0]["value"], 12000);
}
