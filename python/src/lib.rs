//! The Python binding of zhnews: the compiled module `zhnews._zhnews`.
//!
//! Every call converts its Python arguments to Rust values, releases the GIL
//! (`Python::detach`) for all extraction work, and converts the results back.
//! Dicts come from the library's serde output (pythonize), so a result is the
//! JSON of `OUTPUT.md` as Python objects, keys in the same order as the CLI's.
//! Rows (`extract_line`) go through `Extractor::extract_json`, the CLI's own
//! row contract, so they are byte-identical to `zhnews extract --jsonl`.
//!
//! Errors are Python exceptions: `ValueError` for a bad date, field name or
//! user word list, `TypeError` for an argument of the wrong type. Nothing here
//! panics on input; a panic in Rust would surface as `pyo3_runtime.PanicException`,
//! not as a crash of the interpreter.
//!
//! Tests: python/tests (pytest), run by .ci/run against the built wheel.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyList, PyString, PyTuple};
use zhnews::{Article, Field, ReferenceDate};

/// Extracts organizations, people, dates, figures, sections and credits from Chinese news text.
///
/// Build it once and reuse it: the first extractor in a process builds the
/// jieba dictionary (about 0.2 s); later ones share it. It is safe to use from
/// several threads, and it pickles (by its options), so Spark can ship it.
#[pyclass(frozen, module = "zhnews")]
struct Extractor {
    inner: zhnews::Extractor,
    options: Options,
}

/// The constructor's arguments, kept for pickling and `repr`.
#[derive(Clone, Default)]
struct Options {
    fields: Option<Vec<Field>>,
    date: Option<ReferenceDate>,
    dateline: bool,
    user_words: Option<String>,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (*, fields=None, date=None, dateline=true, user_words=None))]
    fn new(
        py: Python<'_>,
        fields: Option<Vec<String>>,
        date: Option<&Bound<'_, PyAny>>,
        dateline: bool,
        user_words: Option<String>,
    ) -> PyResult<Self> {
        let fields = fields
            .map(|names| {
                names
                    .iter()
                    .map(|name| name.parse::<Field>().map_err(PyValueError::new_err))
                    .collect::<PyResult<Vec<_>>>()
            })
            .transpose()?;
        let options = Options {
            fields,
            date: reference_date(date)?,
            dateline,
            user_words,
        };
        let build = options.clone();
        let inner = py.detach(move || {
            let mut builder = zhnews::Extractor::builder().dateline(build.dateline);
            if let Some(fields) = build.fields {
                builder = builder.fields(fields);
            }
            if let Some(date) = build.date {
                builder = builder.fallback_date(date);
            }
            if let Some(words) = build.user_words {
                builder = builder.user_words(words, "user_words");
            }
            builder.build()
        });
        let inner = inner.map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Extractor { inner, options })
    }

    /// Extracts from one text; returns the output dict of OUTPUT.md.
    ///
    /// `date` (str `YYYY-MM-DD[THH:MM[:SS]]`, or a `datetime.date`/`datetime`)
    /// is the reference date for relative expressions; `id` (str or int) is
    /// copied to the output.
    #[pyo3(signature = (text, date=None, id=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        date: Option<&Bound<'py, PyAny>>,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let article = Article {
            id: id.filter(|v| !is_missing(v)).map(article_id).transpose()?,
            text,
            date: reference_date(date)?,
        };
        let extraction = py.detach(|| self.inner.extract(&article));
        Ok(pythonize::pythonize(py, &extraction)?)
    }

    /// Extracts from many texts on Rust threads; returns a list of dicts in input order.
    ///
    /// Items are str (the text) or dicts `{"text", "id"?, "date"?}` read by
    /// the rules of a JSONL row. `threads=None` uses every core. Every item is
    /// read before any work starts, so a bad item raises before the batch runs.
    #[pyo3(signature = (items, threads=None))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let threads = thread_count(threads)?;
        let mut articles = Vec::new();
        for (index, item) in items.try_iter()?.enumerate() {
            articles.push(article_from_item(&item?).map_err(|e| at_item(py, index, e))?);
        }
        // Batches of articles, as `extract_lines` takes rows (see there).
        let per_batch = articles.len().div_ceil(threads).clamp(1, ROWS_PER_BATCH);
        let batches: Vec<&[Article]> = articles.chunks(per_batch).collect();
        let extractions =
            py.detach(|| parallel_map(&batches, threads, |batch| self.inner.extract_many(batch)));
        let list = PyList::empty(py);
        for extraction in extractions.iter().flatten() {
            list.append(pythonize::pythonize(py, extraction)?)?;
        }
        Ok(list)
    }

    /// The CLI's row contract: one JSON row `{"id"?, "text", "date"?}` in, one compact JSON row out.
    ///
    /// Byte-identical to a row of `zhnews extract --jsonl`. A row that cannot
    /// be read gives an error row `{"id", "error": {"kind", "message"}}`, not
    /// an exception. `line` is str or bytes (invalid UTF-8 gives an error row);
    /// the result is a str without a newline.
    fn extract_line(&self, py: Python<'_>, line: &Bound<'_, PyAny>) -> PyResult<String> {
        let line = Line::from_py(line)?;
        Ok(py.detach(|| line.extract(&self.inner)))
    }

    /// `extract_line` over a list of rows on Rust threads; returns a list of str in input order.
    #[pyo3(signature = (lines, threads=None))]
    fn extract_lines<'py>(
        &self,
        py: Python<'py>,
        lines: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let threads = thread_count(threads)?;
        let mut rows = Vec::new();
        for (index, line) in lines.try_iter()?.enumerate() {
            rows.push(Line::from_py(&line?).map_err(|e| at_item(py, index, e))?);
        }
        // Batches of rows, as the CLI extracts them: each half of the stages
        // runs over a batch in turn, which keeps the CPU caches warm.
        let per_batch = rows.len().div_ceil(threads).clamp(1, ROWS_PER_BATCH);
        let batches: Vec<&[Line]> = rows.chunks(per_batch).collect();
        let outputs = py.detach(|| {
            parallel_map(&batches, threads, |batch| {
                let lines: Vec<&[u8]> = batch.iter().map(Line::as_bytes).collect();
                self.inner.extract_json_lines(&lines)
            })
        });
        PyList::new(py, outputs.into_iter().flatten())
    }

    /// Pickles by options: the copy is built anew where it is unpickled.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let module = py.import("zhnews._zhnews")?;
        let rebuild = module.getattr("_rebuild")?;
        let options = &self.options;
        let fields = options
            .fields
            .as_ref()
            .map(|fields| fields.iter().map(|f| f.name()).collect::<Vec<_>>());
        let date = options.date.map(|d| d.to_string());
        let args = (fields, date, options.dateline, options.user_words.clone());
        PyTuple::new(py, [rebuild.into_any(), args.into_pyobject(py)?.into_any()])
    }

    fn __repr__(&self) -> String {
        let options = &self.options;
        let mut parts = Vec::new();
        if let Some(fields) = &options.fields {
            let names: Vec<_> = fields.iter().map(|f| format!("'{}'", f.name())).collect();
            parts.push(format!("fields=[{}]", names.join(", ")));
        }
        if let Some(date) = options.date {
            parts.push(format!("date='{date}'"));
        }
        if !options.dateline {
            parts.push("dateline=False".into());
        }
        if options.user_words.is_some() {
            parts.push("user_words=...".into());
        }
        format!("Extractor({})", parts.join(", "))
    }
}

/// Rebuilds a pickled `Extractor` from its options.
#[pyfunction]
fn _rebuild(
    py: Python<'_>,
    fields: Option<Vec<String>>,
    date: Option<&Bound<'_, PyAny>>,
    dateline: bool,
    user_words: Option<String>,
) -> PyResult<Extractor> {
    Extractor::new(py, fields, date, dateline, user_words)
}

/// Parses a whole string as one numeral: `"两千三百万"` → 23000000, `"三点五"` → 3.5.
///
/// Returns an int for whole numbers that fit in 64 bits, else a float, as the
/// JSON output does. Raises ValueError for anything that is not one numeral.
#[pyfunction]
fn parse_numeral(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    let number = zhnews::numeral::parse(text)
        .map_err(|e| PyValueError::new_err(format!("{e}: {text:?}")))?;
    Ok(match number.to_i64() {
        Some(integer) => integer.into_pyobject(py)?.into_any().unbind(),
        None => number.to_f64().into_pyobject(py)?.into_any().unbind(),
    })
}

/// One input row for `extract_line`: text, or raw bytes that may not be UTF-8.
enum Line {
    Text(String),
    Bytes(Vec<u8>),
}

impl Line {
    fn from_py(line: &Bound<'_, PyAny>) -> PyResult<Line> {
        if let Ok(text) = line.cast::<PyString>() {
            Ok(Line::Text(text.to_cow()?.into_owned()))
        } else if let Ok(bytes) = line.cast::<PyBytes>() {
            Ok(Line::Bytes(bytes.as_bytes().to_vec()))
        } else {
            Err(PyTypeError::new_err(format!(
                "a row must be str or bytes, not {}",
                line.get_type().name()?
            )))
        }
    }

    /// The row's bytes: `extract_json_bytes` of a str's bytes is `extract_json` of the str.
    fn as_bytes(&self) -> &[u8] {
        match self {
            Line::Text(text) => text.as_bytes(),
            Line::Bytes(bytes) => bytes,
        }
    }

    fn extract(&self, extractor: &zhnews::Extractor) -> String {
        match self {
            Line::Text(text) => extractor.extract_json(text),
            Line::Bytes(bytes) => extractor.extract_json_bytes(bytes),
        }
    }
}

/// Reads one `extract_many` item: a str is the text; a dict is read like a JSONL row.
fn article_from_item(item: &Bound<'_, PyAny>) -> PyResult<Article> {
    if let Ok(text) = item.cast::<PyString>() {
        return Ok(Article::new(text.to_cow()?.into_owned()));
    }
    let Ok(dict) = item.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "expected a str or a dict with \"text\", not {}",
            item.get_type().name()?
        )));
    };
    // Only the three fields the row contract reads, so other columns cost nothing.
    let mut row = serde_json::Map::new();
    for key in ["id", "text", "date"] {
        if let Some(value) = dict.get_item(key)?.filter(|v| !is_missing(v)) {
            let value = match value.cast::<PyString>() {
                Ok(text) => serde_json::Value::String(text.to_cow()?.into_owned()),
                // Dates given as datetime.date are read by their ISO form.
                Err(_) if key == "date" && value.hasattr("isoformat")? => {
                    serde_json::Value::String(value.call_method0("isoformat")?.extract()?)
                }
                Err(_) => pythonize::depythonize(&value).map_err(|_| {
                    PyTypeError::new_err(format!("field \"{key}\" has an unsupported type"))
                })?,
            };
            row.insert(key.to_owned(), value);
        }
    }
    Article::from_value(&serde_json::Value::Object(row)).map_err(row_error)
}

/// A library error about a row as the Python exception a caller expects.
fn row_error(error: zhnews::Error) -> PyErr {
    match error.kind() {
        "wrong_type" => PyTypeError::new_err(error.to_string()),
        _ => PyValueError::new_err(error.to_string()),
    }
}

/// Prefixes an error with the index of the item that caused it.
fn at_item(py: Python<'_>, index: usize, error: PyErr) -> PyErr {
    let message = format!("item {index}: {}", error.value(py));
    if error.is_instance_of::<PyTypeError>(py) {
        PyTypeError::new_err(message)
    } else {
        PyValueError::new_err(message)
    }
}

/// Whether a value stands for "no value": None, a float NaN, pandas' NaT or NA.
///
/// A pandas column with gaps holds NaN (or NaT for dates) where a JSONL row
/// would have no field; both mean absent.
fn is_missing(value: &Bound<'_, PyAny>) -> bool {
    if value.is_none() {
        return true;
    }
    if let Ok(number) = value.cast::<PyFloat>() {
        return number.value().is_nan();
    }
    value
        .get_type()
        .name()
        .is_ok_and(|name| name == "NaTType" || name == "NAType")
}

/// A reference date from None, a str, or anything with `isoformat()` (date, datetime, Timestamp).
fn reference_date(date: Option<&Bound<'_, PyAny>>) -> PyResult<Option<ReferenceDate>> {
    let Some(date) = date.filter(|d| !is_missing(d)) else {
        return Ok(None);
    };
    let text: String = if let Ok(text) = date.cast::<PyString>() {
        text.to_cow()?.into_owned()
    } else if date.hasattr("isoformat")? {
        date.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "date must be a str (YYYY-MM-DD) or a datetime.date, not {}",
            date.get_type().name()?
        )));
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|e: zhnews::Error| PyValueError::new_err(e.to_string()))
}

/// An article id from a str or an int (kept as its decimal string, as in JSONL rows).
fn article_id(id: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = id.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    if id.is_instance_of::<pyo3::types::PyInt>() && !id.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(id.str()?.to_cow()?.into_owned());
    }
    Err(PyTypeError::new_err(format!(
        "id must be a str or an int, not {}",
        id.get_type().name()?
    )))
}

/// The number of threads for a batch: the caller's, else one per core.
fn thread_count(threads: Option<usize>) -> PyResult<usize> {
    match threads {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Ok(n),
        None => Ok(thread::available_parallelism().map_or(1, NonZeroUsize::get)),
    }
}

/// Rows per batch in `extract_lines` and `extract_many`: enough for the stages to stay in the CPU
/// caches, few enough to spread short lists over the threads.
const ROWS_PER_BATCH: usize = 32;

/// Maps `f` over `items` on `threads` scoped threads; results in input order.
///
/// Threads take the next unclaimed item one at a time, so long and short
/// articles balance out.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Vec<Vec<(usize, R)>> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            break;
                        };
                        done.push((index, f(item)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e))
            })
            .collect()
    });
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (index, result) in done.into_iter().flatten() {
        if let Some(slot) = slots.get_mut(index) {
            *slot = Some(result);
        }
    }
    slots.into_iter().flatten().collect()
}

/// Structured facts from Chinese news and press releases (compiled part).
#[pymodule]
fn _zhnews(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Extractor>()?;
    module.add_function(wrap_pyfunction!(parse_numeral, module)?)?;
    module.add_function(wrap_pyfunction!(_rebuild, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
