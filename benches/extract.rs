//! Throughput of full extraction beside jieba-rs segmentation alone, on the same texts.
//!
//! `cargo bench --bench extract`; report MB/s and the extract/jieba ratio
//! (compare only runs made on one machine at one time). `startup` times what
//! the first `Extractor::new` in a process costs (building jieba's dictionary)
//! and what every later one costs (the dictionary is shared).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jieba_rs::Jieba;
use zhnews::{Article, Extractor};

const SENTENCE: &str = "12月29日,龙岗区人民政府与某大学签署战略合作框架协议,引进知名教授400多名,各类国际合作项目超过170个。";
const ARTICLE: &str = include_str!("../fixtures/articles/longgang-cuhksz.txt");

fn throughput(c: &mut Criterion) {
    // The first extractor of the process builds the shared dictionary: timed once here.
    let start = Instant::now();
    let extractor = Extractor::new();
    println!(
        "first Extractor::new: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let jieba = Jieba::new();
    let mut group = c.benchmark_group("throughput");
    group.measurement_time(Duration::from_secs(5));
    for (name, text) in [("sentence", SENTENCE), ("article", ARTICLE)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("jieba_cut/{name}"), |b| {
            b.iter(|| black_box(jieba.cut(black_box(text), true)))
        });
        let article = Article::new(text).with_date("2020-12-30".parse().expect("valid date"));
        group.bench_function(format!("extract/{name}"), |b| {
            b.iter(|| black_box(extractor.extract(black_box(&article))))
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    // What the first `Extractor::new` of a process costs: the dictionary build.
    group.bench_function("jieba_new", |b| b.iter(|| black_box(Jieba::new())));
    // Every later `Extractor::new`: the dictionary is shared.
    group.bench_function("extractor_new", |b| b.iter(|| black_box(Extractor::new())));
    group.finish();
}

criterion_group!(benches, throughput, startup);
criterion_main!(benches);
