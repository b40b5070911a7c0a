//! One module per kind of item. Each has one entry point, `extract`, that takes
//! exactly what it needs; `Extractor::extract` shows the order they run in.

pub(crate) mod credit;
pub(crate) mod date;
pub(crate) mod figure;
pub(crate) mod organization;
pub(crate) mod person;
pub(crate) mod section;
