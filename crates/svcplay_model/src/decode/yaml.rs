//! YAML text → a positioned tree, with go-yaml v2's (YAML 1.1-ish) scalar resolution.
//!
//! Kubernetes reads YAML through `sigs.k8s.io/yaml`, which parses with go-yaml v2 into untyped
//! values and re-encodes them as JSON before any typed decoding. This module reproduces the parts
//! of that which users can observe: which plain scalars are booleans, nulls, integers or floats,
//! merge keys, duplicate-key errors, the aliasing limit, and map keys turned into strings.
//!
//! The tree is built iteratively (no recursion on input depth) and its depth is capped at
//! [`MAX_DEPTH`], so neither building, walking nor dropping it can overflow the stack.

use crate::fxhash::{HashMap, HashSet};
use std::borrow::Cow;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use crate::source::Span;

/// Deepest nesting of sequences and mappings accepted in one document.
pub const MAX_DEPTH: usize = 100;

/// How many nodes aliases may expand to in one text (on top of the nodes written out).
/// A "billion laughs" document needs far more.
pub const MAX_ALIAS_EXPANSION: u64 = 100_000;

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `port: 80`: subject to type resolution.
    Plain,
    /// `'80'` or `"80"`: always a string unless tagged.
    Quoted,
    /// `|` or `>`: always a string unless tagged.
    Block,
}

/// A scalar as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The scalar's content after unquoting/folding.
    pub text: String,
    /// How it was written.
    pub style: Style,
    /// Explicit tag, normalised to `!!str` form for core-schema tags (`!foo` for local ones).
    pub tag: Option<String>,
}

/// The content of a [`Node`].
#[derive(Debug, Clone)]
pub enum Value {
    /// A scalar.
    Scalar(Arc<Scalar>),
    /// A sequence.
    Seq(Arc<Vec<Node>>),
    /// A mapping, keys in written order (merge keys already applied, duplicates rejected).
    Map(Arc<Vec<(Node, Node)>>),
}

/// One node of a YAML document with where it starts. Cheap to clone (children are shared), which
/// is how aliases are represented.
#[derive(Debug, Clone)]
pub struct Node {
    /// Start of the node.
    pub span: Span,
    /// Content.
    pub value: Value,
}

impl Node {
    /// An empty plain scalar (YAML null) at `span`.
    pub fn null(span: Span) -> Node {
        Node {
            span,
            value: Value::Scalar(Arc::new(Scalar {
                text: String::new(),
                style: Style::Plain,
                tag: None,
            })),
        }
    }

    /// The scalar, if this is one.
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this resolves to YAML null.
    pub fn is_null(&self) -> bool {
        matches!(self.scalar().map(resolve), Some(Ok(Resolved::Null)))
    }

    /// The value of mapping key `key` (keys compared after conversion to strings).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| key_string(k).as_deref() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The node as a string, if it is a scalar that resolves to one.
    pub fn as_str(&self) -> Option<&str> {
        match self.scalar().map(resolve) {
            Some(Ok(Resolved::Str(s))) => Some(s),
            _ => None,
        }
    }
}

/// A scalar after go-yaml v2 resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved<'a> {
    /// `~`, `null`, empty.
    Null,
    /// `true`, `yes`, `on`, `y`, ... and their negations.
    Bool(bool),
    /// An integer that fits `int64`.
    Int(i64),
    /// An integer above `int64` that fits `uint64`.
    Uint(u64),
    /// A float (or an integer too large for `uint64`).
    Float(f64),
    /// Anything else.
    Str(&'a str),
}

/// Resolves a scalar the way go-yaml v2 does when decoding into `interface{}`.
///
/// Errors are go-yaml's `cannot decode !!int `abc` as a !!float`-style messages for explicit tags
/// that do not fit the text.
pub fn resolve(s: &Scalar) -> Result<Resolved<'_>, String> {
    let tag = s.tag.as_deref();
    match tag {
        None if s.style != Style::Plain => return Ok(Resolved::Str(&s.text)),
        None => return Ok(resolve_plain(&s.text)),
        Some("!!str" | "!" | "!!binary" | "!!timestamp") => return Ok(Resolved::Str(&s.text)),
        Some("!!bool" | "!!int" | "!!float" | "!!null") => {}
        // Other tags are not resolvable: go-yaml hands the text through as a string.
        Some(_) => return Ok(Resolved::Str(&s.text)),
    }
    let r = resolve_plain(&s.text);
    let rtag = match r {
        Resolved::Null => "!!null",
        Resolved::Bool(_) => "!!bool",
        Resolved::Int(_) | Resolved::Uint(_) => "!!int",
        Resolved::Float(_) => "!!float",
        Resolved::Str(_) => "!!str",
    };
    let want = tag.unwrap_or_default();
    if want == rtag {
        return Ok(r);
    }
    match (want, r) {
        ("!!float", Resolved::Int(i)) => Ok(Resolved::Float(i as f64)),
        ("!!float", Resolved::Uint(u)) => Ok(Resolved::Float(u as f64)),
        _ => Err(format!(
            "yaml: cannot decode {rtag} `{}` as a {want}",
            s.text
        )),
    }
}

/// go-yaml v2 `resolve("", text)` for plain scalars.
pub fn resolve_plain(text: &str) -> Resolved<'_> {
    let Some(&first) = text.as_bytes().first() else {
        return Resolved::Null;
    };
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Resolved::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Resolved::Bool(false);
        }
        "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        _ => {}
    }
    match first {
        b'.' => match go_parse_float(text) {
            Some(f) => Resolved::Float(f),
            None => Resolved::Str(text),
        },
        b'0'..=b'9' | b'+' | b'-' => {
            let plain: String = text.chars().filter(|&c| c != '_').collect();
            if let Some((neg, mag)) = go_parse_uint_base0(&plain, true) {
                if neg {
                    if mag <= i64::MAX as u64 + 1 {
                        return Resolved::Int((mag as i64).wrapping_neg());
                    }
                } else if mag <= i64::MAX as u64 {
                    return Resolved::Int(mag as i64);
                }
            }
            if let Some((false, mag)) = go_parse_uint_base0(&plain, false) {
                return Resolved::Uint(mag);
            }
            if yaml_style_float(&plain)
                && let Some(f) = go_parse_float(&plain)
            {
                return Resolved::Float(f);
            }
            Resolved::Str(text)
        }
        _ => Resolved::Str(text),
    }
}

/// `strconv.ParseInt/ParseUint(s, 0, 64)`: sign (when `signed`), `0x`/`0o`/`0b`/leading-`0`
/// prefixes. Returns the sign and the magnitude, `None` on syntax error or overflow.
fn go_parse_uint_base0(s: &str, signed: bool) -> Option<(bool, u64)> {
    let (neg, s) = match s.as_bytes().first()? {
        b'+' if signed => (false, &s[1..]),
        b'-' if signed => (true, &s[1..]),
        _ => (false, s),
    };
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    let (base, digits) = if b[0] == b'0' {
        match b.get(1).map(u8::to_ascii_lowercase) {
            Some(b'b') if b.len() >= 3 => (2, &s[2..]),
            Some(b'o') if b.len() >= 3 => (8, &s[2..]),
            Some(b'x') if b.len() >= 3 => (16, &s[2..]),
            _ => (8, &s[1..]),
        }
    } else {
        (10, s)
    };
    let mut n: u64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(base)?;
        n = n.checked_mul(u64::from(base))?.checked_add(u64::from(d))?;
    }
    Some((neg, n))
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `strconv.ParseFloat(s, 64)` for decimal text; out-of-range values are errors as in Go.
fn go_parse_float(s: &str) -> Option<f64> {
    if !s
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(f)
}

/// Formats a float as Go's `encoding/json` does (`1e+30`, `0.5`, `100`).
pub fn go_json_float(f: f64) -> String {
    // The shortest digits that round-trip, as `{f}` prints them in plain decimal; the exponent
    // form is laid out from the same digits (as `{f:e}` would, but without compiling Rust's
    // exponent formatting into the wasm build).
    let plain = f.to_string();
    let a = f.abs();
    if a == 0.0 || (1e-6..1e21).contains(&a) || !a.is_finite() {
        return plain;
    }
    let (sign, body) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    // `a` is not zero: there is a non-zero digit.
    let first = digits.find(|c| c != '0').unwrap_or(0);
    let exp = int.len() as i64 - 1 - first as i64;
    let digits = digits[first..].trim_end_matches('0');
    let (lead, rest) = digits.split_at(1.min(digits.len()));
    let mut out = String::with_capacity(digits.len() + 8);
    out.push_str(sign);
    out.push_str(lead);
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    out.push_str(if exp < 0 { "e-" } else { "e+" });
    out.push_str(&exp.unsigned_abs().to_string());
    out
}

/// The string a mapping key becomes in JSON (`sigs.k8s.io/yaml`): strings as is, booleans as
/// `true`/`false`, numbers in decimal. `None` for keys that are collections.
pub fn key_string(k: &Node) -> Option<String> {
    let s = k.scalar()?;
    Some(match resolve(s) {
        Ok(Resolved::Str(t)) => t.to_string(),
        Ok(Resolved::Null) => "null".to_string(),
        Ok(Resolved::Bool(b)) => b.to_string(),
        Ok(Resolved::Int(i)) => i.to_string(),
        Ok(Resolved::Uint(u)) => u.to_string(),
        Ok(Resolved::Float(f)) => go_json_float(f),
        Err(_) => s.text.clone(),
    })
}

/// [`key_string`] without copying keys that are plain strings; `""` for collection keys.
pub fn key_cow(k: &Node) -> Cow<'_, str> {
    match k.scalar().map(resolve) {
        Some(Ok(Resolved::Str(t))) => Cow::Borrowed(t),
        _ => Cow::Owned(key_string(k).unwrap_or_default()),
    }
}

/// A key as go-yaml's `%#v` prints it in `key "port" already set in map`.
fn key_display(k: &Node) -> String {
    match k.scalar().map(resolve) {
        Some(Ok(Resolved::Str(t))) => format!("{t:?}"),
        _ => key_string(k).unwrap_or_default(),
    }
}

/// One parsed document.
#[derive(Debug)]
pub struct DocTree {
    /// The root node.
    pub root: Node,
    /// A problem found while building it that makes the document unusable
    /// (duplicate key, bad merge, non-scalar key), with where it is.
    pub error: Option<(Span, String)>,
}

/// A parsed text: the documents read before any fatal problem, and that problem.
#[derive(Debug, Default)]
pub struct Stream {
    /// Documents in order, empty (null) documents skipped.
    pub docs: Vec<DocTree>,
    /// A syntax error or a limit hit; parsing stopped there.
    pub error: Option<(Span, String)>,
}

/// Converts the parser's character indices to byte offsets.
struct Positions<'t> {
    text: &'t str,
    ascii: bool,
    /// Byte offset of every `STEP`th character.
    checkpoints: Vec<usize>,
}

const STEP: usize = 64;

impl<'t> Positions<'t> {
    fn new(text: &'t str) -> Self {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices().step_by(STEP).map(|(b, _)| b).collect()
        };
        Positions {
            text,
            ascii,
            checkpoints,
        }
    }

    fn span(&self, m: saphyr_parser::Marker) -> Span {
        let idx = m.index();
        let offset = if self.ascii {
            idx.min(self.text.len())
        } else {
            match self.checkpoints.get(idx / STEP) {
                Some(&base) => self.text[base..]
                    .char_indices()
                    .nth(idx % STEP)
                    .map_or(self.text.len(), |(b, _)| base + b),
                None => self.text.len(),
            }
        };
        Span {
            offset,
            line: u32::try_from(m.line()).unwrap_or(u32::MAX),
            column: u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
        }
    }
}

/// A collection being built.
enum Frame {
    Seq {
        span: Span,
        anchor: usize,
        items: Vec<Node>,
        size: u64,
    },
    Map {
        span: Span,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        size: u64,
    },
}

fn tag_string(tag: &Tag) -> String {
    const CORE: &str = "tag:yaml.org,2002:";
    if tag.handle == CORE {
        format!("!!{}", tag.suffix)
    } else if let Some(rest) = tag.suffix.strip_prefix(CORE) {
        format!("!!{rest}")
    } else if tag.handle.is_empty() && tag.suffix == "!" {
        "!".to_string()
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

fn is_merge_key(k: &Node) -> bool {
    matches!(k.scalar(), Some(s) if s.text == "<<"
        && ((s.style == Style::Plain && s.tag.is_none()) || s.tag.as_deref() == Some("!!merge")))
}

/// go-yaml's error for an alias `*name` at `span` with no anchor: it names the anchor and gives
/// no line.
fn unknown_anchor(text: &str, span: Span) -> String {
    let name: String = text
        .get(span.offset..)
        .unwrap_or_default()
        .trim_start_matches('*')
        .chars()
        .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
        .collect();
    format!("yaml: unknown anchor '{name}' referenced")
}

/// A syntax error as kubectl reports it: `sigs.k8s.io/yaml` hands each document of the stream
/// (the text after a `---` line, as `k8s.io/apimachinery`'s `YAMLReader` splits it) to go-yaml
/// v2, whose `parser.fail` prints only libyaml's *problem* (not its "while parsing …" context)
/// and a line counted from the document's first line: 1-based for scanner errors, 0-based for
/// parser errors, left out when it is 0. The diagnostic's own position stays exact.
fn go_yaml_syntax_error(text: &str, line: u32, info: &str) -> String {
    // Messages saphyr's parser (not its scanner) produces, with libyaml's problem text.
    const PARSER: [(&str, &str); 8] = [
        (
            "while parsing a block collection, ",
            "did not find expected '-' indicator",
        ),
        (
            "while parsing a block mapping, ",
            "did not find expected key",
        ),
        (
            "while parsing a flow mapping, ",
            "did not find expected ',' or '}'",
        ),
        (
            "while parsing a flow sequence, ",
            "did not find expected ',' or ']'",
        ),
        (
            "while parsing a node, ",
            "did not find expected node content",
        ),
        (
            "did not find expected <document",
            "did not find expected <document start>",
        ),
        (
            "found incompatible YAML document",
            "found incompatible YAML document",
        ),
        ("while parsing anchor, ", "found duplicated anchor"),
    ];
    // Scanner messages whose wording differs from libyaml's.
    const SCANNER: [(&str, &str); 6] = [
        ("simple key expect", "could not find expected ':'"),
        (
            "unexpected character",
            "found character that cannot start any token",
        ),
        ("tab", "found character that cannot start any token"),
        (
            "found unprintable character",
            "control characters are not allowed",
        ),
        (
            "while scanning a quoted scalar, found unexpected end of stream",
            "found unexpected end of stream",
        ),
        (
            "while scanning a plain scalar, found a tab",
            "found a tab character that violates indentation",
        ),
    ];
    let parser = PARSER.iter().find(|(start, _)| info.starts_with(start));
    let problem = match parser {
        Some((_, problem)) => (*problem).to_string(),
        None => match SCANNER.iter().find(|(start, _)| info.starts_with(start)) {
            Some((_, problem)) => (*problem).to_string(),
            // Otherwise libyaml's context comes first: keep only the problem after it.
            None => match info.strip_prefix("while ").and_then(|r| r.split_once(", ")) {
                Some((_, problem)) => problem.to_string(),
                None => info.to_string(),
            },
        },
    };
    // The line of the last `---` separator above the error (0 when there is none).
    let separator = text
        .lines()
        .take(line.saturating_sub(1) as usize)
        .enumerate()
        .filter(|(_, l)| l.starts_with("---"))
        .last()
        .map_or(0, |(i, _)| i as u32 + 1);
    let relative = line.saturating_sub(separator);
    let shown = if parser.is_some() {
        relative.saturating_sub(1)
    } else {
        relative
    };
    if shown == 0 {
        format!("yaml: {problem}")
    } else {
        format!("yaml: line {shown}: {problem}")
    }
}

/// Parses a whole text. Never panics; stops at the first syntax error or limit.
pub fn parse_stream(text: &str) -> Stream {
    let mut docs = Vec::new();
    let error = parse_stream_each(text, |d| docs.push(d));
    Stream { docs, error }
}

/// [`parse_stream`], handing each document to `sink` as soon as it is complete; returns the
/// syntax error or limit that stopped parsing, if any.
pub fn parse_stream_each(text: &str, mut sink: impl FnMut(DocTree)) -> Option<(Span, String)> {
    let pos = Positions::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, u64)> = HashMap::default();
    let mut alias_budget = MAX_ALIAS_EXPANSION;
    let mut doc_error: Option<(Span, String)> = None;
    let mut root: Option<Node> = None;
    let mut doc_start = Span::default();

    while let Some(ev) = parser.next_event() {
        let (ev, yspan) = match ev {
            Ok(e) => e,
            Err(e) => {
                let span = pos.span(*e.marker());
                let message = if e.info().contains("unknown anchor") {
                    unknown_anchor(text, span)
                } else {
                    go_yaml_syntax_error(text, span.line, e.info())
                };
                return Some((span, message));
            }
        };
        let span = pos.span(yspan.start);
        // A finished node and its expanded size, to be attached to the parent.
        let done: Option<(Node, u64, usize)> = match ev {
            Event::StreamStart | Event::Nothing => None,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                anchors.clear();
                doc_error = None;
                root = None;
                doc_start = span;
                None
            }
            Event::DocumentEnd => {
                if let Some(root) = root.take()
                    && !root.is_null()
                {
                    sink(DocTree {
                        root,
                        error: doc_error.take(),
                    });
                }
                let _ = doc_start;
                None
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some((node, size)) => {
                    if *size > alias_budget {
                        return Some((
                            span,
                            "yaml: document contains excessive aliasing".to_string(),
                        ));
                    }
                    alias_budget -= *size;
                    Some((node.clone(), *size, 0))
                }
                None => return Some((span, unknown_anchor(text, span))),
            },
            Event::Scalar(text, style, anchor, tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                    _ => Style::Block,
                };
                let node = Node {
                    span,
                    value: Value::Scalar(Arc::new(Scalar {
                        text: text.into_owned(),
                        style,
                        tag: tag.map(|t| tag_string(&t)),
                    })),
                };
                Some((node, 1, anchor))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Some((span, format!("yaml: exceeded max depth of {MAX_DEPTH}")));
                }
                stack.push(if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq {
                        span,
                        anchor,
                        items: Vec::new(),
                        size: 1,
                    }
                } else {
                    Frame::Map {
                        span,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                        size: 1,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq {
                    span,
                    anchor,
                    items,
                    size,
                }) => Some((
                    Node {
                        span,
                        value: Value::Seq(Arc::new(items)),
                    },
                    size,
                    anchor,
                )),
                Some(Frame::Map {
                    span,
                    anchor,
                    entries,
                    size,
                    ..
                }) => {
                    let entries = match finish_map(entries) {
                        Ok(e) => e,
                        Err(e) => {
                            if doc_error.is_none() {
                                doc_error = Some(e);
                            }
                            Vec::new()
                        }
                    };
                    Some((
                        Node {
                            span,
                            value: Value::Map(Arc::new(entries)),
                        },
                        size,
                        anchor,
                    ))
                }
                None => None,
            },
        };
        let Some((node, size, anchor)) = done else {
            continue;
        };
        if anchor != 0 {
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, size: s, .. }) => {
                *s = s.saturating_add(size);
                items.push(node);
            }
            Some(Frame::Map {
                entries,
                key,
                size: s,
                ..
            }) => {
                *s = s.saturating_add(size);
                match key.take() {
                    None => *key = Some(node),
                    Some(k) => entries.push((k, node)),
                }
            }
        }
    }
    None
}

/// Applies merge keys and rejects duplicate or non-scalar keys.
fn finish_map(entries: Vec<(Node, Node)>) -> Result<Vec<(Node, Node)>, (Span, String)> {
    let has_merge = entries.iter().any(|(k, _)| is_merge_key(k));
    {
        // Keys as JSON will see them; plain string keys are borrowed, not copied.
        let mut seen: HashSet<Cow<'_, str>> =
            HashSet::with_capacity_and_hasher(entries.len(), Default::default());
        for (k, _) in &entries {
            if has_merge && is_merge_key(k) {
                continue;
            }
            let ks = match k.scalar().map(resolve) {
                Some(Ok(Resolved::Str(t))) => Cow::Borrowed(t),
                _ => match key_string(k) {
                    Some(s) => Cow::Owned(s),
                    None => {
                        return Err((
                            k.span,
                            format!("yaml: line {}: invalid map key", k.span.line),
                        ));
                    }
                },
            };
            if !seen.insert(ks) {
                return Err((k.span, format!("key {} already set in map", key_display(k))));
            }
        }
    }
    if !has_merge {
        return Ok(entries);
    }
    let mut seen: HashSet<String> =
        HashSet::with_capacity_and_hasher(entries.len(), Default::default());
    let mut out = Vec::with_capacity(entries.len());
    let mut merges = Vec::new();
    for (k, v) in entries {
        if is_merge_key(&k) {
            merges.push(v);
            continue;
        }
        seen.insert(key_string(&k).unwrap_or_default());
        out.push((k, v));
    }
    // Written keys win over merged ones; among merged maps, the first listed wins.
    for m in merges {
        let sources: Vec<Node> = match &m.value {
            Value::Map(_) => vec![m.clone()],
            Value::Seq(items) => items.iter().cloned().collect(),
            Value::Scalar(_) => Vec::new(),
        };
        if sources.is_empty() || sources.iter().any(|s| !matches!(s.value, Value::Map(_))) {
            return Err((
                m.span,
                "yaml: map merge requires map or sequence of maps as the value".to_string(),
            ));
        }
        for s in sources {
            if let Value::Map(es) = &s.value {
                for (k, v) in es.iter() {
                    if let Some(ks) = key_string(k)
                        && seen.insert(ks)
                    {
                        out.push((k.clone(), v.clone()));
                    }
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // go-yaml v2 resolve.go resolveMapList and resolve(): plain scalars.
    #[test]
    fn resolve_plain_like_go_yaml_v2() {
        use Resolved::*;
        let cases: &[(&str, Resolved)] = &[
            ("", Null),
            ("~", Null),
            ("null", Null),
            ("NULL", Null),
            ("nULL", Str("nULL")),
            ("on", Bool(true)),
            ("On", Bool(true)),
            ("ON", Bool(true)),
            ("oN", Str("oN")),
            ("y", Bool(true)),
            ("Y", Bool(true)),
            ("yes", Bool(true)),
            ("n", Bool(false)),
            ("off", Bool(false)),
            ("False", Bool(false)),
            ("80", Int(80)),
            ("+80", Int(80)),
            ("-80", Int(-80)),
            ("0x1F", Int(31)),
            ("0o17", Int(15)),
            ("017", Int(15)),
            ("0b101", Int(5)),
            ("1_000", Int(1000)),
            ("08", Float(8.0)),
            ("1.5", Float(1.5)),
            (".5", Float(0.5)),
            ("1e3", Float(1000.0)),
            ("1e400", Str("1e400")),
            ("9223372036854775807", Int(i64::MAX)),
            ("-9223372036854775808", Int(i64::MIN)),
            ("18446744073709551615", Uint(u64::MAX)),
            ("99999999999999999999999", Float(1e23)),
            ("1.2.3", Str("1.2.3")),
            ("2001-12-14", Str("2001-12-14")),
            ("-", Str("-")),
            ("0x", Str("0x")),
            ("30000-32767", Str("30000-32767")),
            ("10.0.0.1", Str("10.0.0.1")),
        ];
        for (text, want) in cases {
            assert_eq!(resolve_plain(text), *want, "{text:?}");
        }
        assert!(matches!(resolve_plain(".nan"), Float(f) if f.is_nan()));
        assert_eq!(resolve_plain("-.inf"), Float(f64::NEG_INFINITY));
    }

    #[test]
    fn tags_and_quotes() {
        let s = |text: &str, style, tag: Option<&str>| Scalar {
            text: text.into(),
            style,
            tag: tag.map(String::from),
        };
        assert_eq!(
            resolve(&s("80", Style::Quoted, None)),
            Ok(Resolved::Str("80"))
        );
        assert_eq!(
            resolve(&s("on", Style::Plain, Some("!!str"))),
            Ok(Resolved::Str("on"))
        );
        assert_eq!(
            resolve(&s("80", Style::Quoted, Some("!!int"))),
            Ok(Resolved::Int(80))
        );
        assert_eq!(
            resolve(&s("1", Style::Plain, Some("!!float"))),
            Ok(Resolved::Float(1.0))
        );
        assert_eq!(
            resolve(&s("abc", Style::Plain, Some("!!int"))),
            Err("yaml: cannot decode !!str `abc` as a !!int".to_string())
        );
    }

    #[test]
    fn go_json_float_format() {
        assert_eq!(go_json_float(1e30), "1e+30");
        assert_eq!(go_json_float(1.5), "1.5");
        assert_eq!(go_json_float(8.0), "8");
        assert_eq!(go_json_float(1e20), "100000000000000000000");
        assert_eq!(go_json_float(1e21), "1e+21");
        assert_eq!(go_json_float(1e-7), "1e-7");
        assert_eq!(go_json_float(-1.25e-7), "-1.25e-7");
        assert_eq!(
            go_json_float(1.7976931348623157e308),
            "1.7976931348623157e+308"
        );
        assert_eq!(go_json_float(5e-324), "5e-324");
        assert_eq!(go_json_float(-0.0), "-0");
    }

    /// The exponent layout matches Rust's `{:e}` (what `go_json_float` used before) on random
    /// doubles of every magnitude.
    #[test]
    fn go_json_float_matches_lower_exp() {
        fn old(f: f64) -> String {
            let a = f.abs();
            if a != 0.0 && !(1e-6..1e21).contains(&a) {
                let s = format!("{f:e}");
                match s.split_once('e') {
                    Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
                    _ => s,
                }
            } else {
                format!("{f}")
            }
        }
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for i in 0..50_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = match i % 4 {
                0 => f64::from_bits(x),
                // Short decimal mantissas around the switch points.
                1 => (x % 1000) as f64 * 10f64.powi((x >> 20) as i32 % 40 - 20),
                2 => (x % 7 + 1) as f64 * 10f64.powi((x >> 20) as i32 % 660 - 330),
                _ => f64::from_bits(x & 0x800f_ffff_ffff_ffff),
            };
            assert_eq!(go_json_float(f), old(f), "{:e} {:x}", f, f.to_bits());
        }
        for f in [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            1e21,
            1e-6,
            9.999999e-7,
        ] {
            assert_eq!(go_json_float(f), old(f));
        }
    }

    #[test]
    fn spans_count_characters_and_bytes() {
        let text = "a: \"héllo wörld\"\nb: 1\n";
        let st = parse_stream(text);
        let root = &st.docs[0].root;
        let b = root.get("b").unwrap();
        assert_eq!((b.span.line, b.span.column), (2, 4));
        assert_eq!(&text[b.span.offset..b.span.offset + 1], "1");
        // `y` is a YAML 1.1 boolean: the key becomes "true".
        let text = "x: ü\ny: [1, ✓, 3]\n";
        let st = parse_stream(text);
        assert!(st.docs[0].root.get("y").is_none());
        let y = st.docs[0].root.get("true").unwrap();
        let Value::Seq(items) = &y.value else {
            panic!()
        };
        assert_eq!(items[2].span.column, 11);
        assert_eq!(&text[items[2].span.offset..items[2].span.offset + 1], "3");
    }

    #[test]
    fn merge_keys_and_duplicates() {
        let st = parse_stream("base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n");
        let m = st.docs[0].root.get("m").unwrap();
        assert_eq!(m.get("a").unwrap().as_str(), None);
        assert_eq!(m.get("b").unwrap().scalar().unwrap().text, "3");
        let st = parse_stream("a: 1\nb: 2\na: 3\n");
        let (span, msg) = st.docs[0].error.clone().unwrap();
        assert_eq!(msg, "key \"a\" already set in map");
        assert_eq!(span.line, 3);
        // `yes` and `true` both become the JSON key "true".
        let st = parse_stream("yes: 1\ntrue: 2\n");
        assert_eq!(
            st.docs[0].error.as_ref().unwrap().1,
            "key true already set in map"
        );
    }

    #[test]
    fn empty_documents_are_skipped() {
        let st = parse_stream("---\n---\n# only a comment\n---\na: 1\n---\n~\n");
        assert_eq!(st.docs.len(), 1);
        assert!(st.error.is_none());
    }
}
