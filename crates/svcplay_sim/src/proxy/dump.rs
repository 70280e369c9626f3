//! `iptables-save` / `iptables-restore` text: a parser and the normalisation upstream's tests
//! apply before comparing dumps (`pkg/util/iptables/testing/parse.go ParseIPTablesDump`,
//! `ParseRule`; `pkg/proxy/iptables/proxier_test.go sortIPTablesRules`).

use std::fmt;

/// A parsed dump: tables in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dump {
    /// Tables (`*filter`, `*nat`, ...).
    pub tables: Vec<Table>,
}

/// One table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Name without the `*`.
    pub name: String,
    /// Chains in declaration order.
    pub chains: Vec<Chain>,
}

/// One chain with its rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chain {
    /// Name.
    pub name: String,
    /// Packet counter of the declaration line.
    pub packets: u64,
    /// Byte counter of the declaration line.
    pub bytes: u64,
    /// Rules (`-A name ...`) in order.
    pub rules: Vec<Rule>,
    /// Whether the input deleted the chain (`-X name`).
    pub deleted: bool,
}

/// A parameter value, possibly negated with `!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// Preceded by `!`.
    pub negated: bool,
    /// The value (quotes removed).
    pub value: String,
}

impl Value {
    /// Whether `s` equals (or, negated, differs from) the value.
    pub fn matches(&self, s: &str) -> bool {
        (self.value == s) != self.negated
    }
}

/// One rule with the parameters the packet tracer understands (`iptablestest.Rule`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rule {
    /// The rule as written.
    pub raw: String,
    /// `-A` chain.
    pub chain: String,
    /// `--comment`.
    pub comment: Option<String>,
    /// `-p`.
    pub protocol: Option<Value>,
    /// `-s`.
    pub source: Option<Value>,
    /// `--src-type`.
    pub source_type: Option<Value>,
    /// `--sport`.
    pub source_port: Option<Value>,
    /// `-d`.
    pub destination: Option<Value>,
    /// `--dst-type`.
    pub destination_type: Option<Value>,
    /// `--dport`.
    pub destination_port: Option<Value>,
    /// `-j`.
    pub jump: Option<String>,
    /// `--probability`.
    pub probability: Option<String>,
    /// `--to-destination`.
    pub dnat_destination: Option<String>,
    /// `--rcheck` present (session affinity lookup).
    pub affinity_check: bool,
    /// `--mark` present.
    pub mark_check: bool,
    /// `--ctstate` present.
    pub ctstate_check: bool,
}

/// Why a dump could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for DumpError {}

/// Splits a rule into words; a double-quoted string is one word (quotes removed).
fn words(rule: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = rule.trim_start();
    while !rest.is_empty() {
        if let Some(body) = rest.strip_prefix('"') {
            let end = body.find('"').unwrap_or(body.len());
            out.push(&body[..end]);
            rest = body.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
        rest = rest.trim_start();
    }
    out
}

/// Parses one `-A CHAIN ...` rule (non-strict: unknown parameters are skipped).
pub fn parse_rule(line: &str) -> Result<Rule, String> {
    let w = words(line);
    if w.len() < 2 || w[0] != "-A" {
        return Err("bad iptables rule (does not start with \"-A CHAIN\")".to_string());
    }
    if w.len() < 3 {
        return Err("bad iptables rule (no match rules)".to_string());
    }
    let mut rule = Rule {
        raw: line.to_string(),
        ..Rule::default()
    };
    let mut negated = false;
    let mut i = 0;
    while i < w.len() {
        let word = w[i];
        if word == "-m" && i + 1 < w.len() {
            i += 2;
            continue;
        }
        if word == "!" {
            negated = true;
            i += 1;
            continue;
        }
        let flag = matches!(word, "--random-fully" | "--rcheck" | "--set" | "--reap");
        let valued = matches!(
            word,
            "-A" | "--comment"
                | "-p"
                | "-s"
                | "--src-type"
                | "--sport"
                | "-d"
                | "--dst-type"
                | "--dport"
                | "--match-set"
                | "-j"
                | "--probability"
                | "--to-destination"
                | "--mark"
                | "--ctstate"
                | "--name"
                | "--seconds"
                | "--mode"
        );
        if flag {
            if word == "--rcheck" {
                rule.affinity_check = true;
            }
            i += 1;
        } else if valued {
            let Some(arg) = w.get(i + 1) else {
                return Err(format!("parameter {word:?} requires an argument"));
            };
            let v = Value {
                negated,
                value: (*arg).to_string(),
            };
            match word {
                "-A" => rule.chain = v.value,
                "--comment" => rule.comment = Some(v.value),
                "-p" => rule.protocol = Some(v),
                "-s" => rule.source = Some(v),
                "--src-type" => rule.source_type = Some(v),
                "--sport" => rule.source_port = Some(v),
                "-d" => rule.destination = Some(v),
                "--dst-type" => rule.destination_type = Some(v),
                "--dport" => rule.destination_port = Some(v),
                "-j" => rule.jump = Some(v.value),
                "--probability" => rule.probability = Some(v.value),
                "--to-destination" => rule.dnat_destination = Some(v.value),
                "--mark" => rule.mark_check = true,
                "--ctstate" => rule.ctstate_check = true,
                _ => {}
            }
            i += 2;
        } else {
            i += 1;
        }
        negated = false;
    }
    Ok(rule)
}

#[derive(PartialEq)]
enum State {
    Table,
    ChainDecls,
    Rules,
}

/// Parses `iptables-save` text (`ParseIPTablesDump`).
pub fn parse_dump(text: &str) -> Result<Dump, DumpError> {
    let mut dump = Dump::default();
    let mut state = State::Table;
    for (n, raw) in text.trim_matches('\n').split('\n').enumerate() {
        let line = raw.trim();
        let err = |message: String| DumpError {
            line: n + 1,
            message,
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if state == State::Table {
            let Some(name) = line.strip_prefix('*') else {
                return Err(err(format!(
                    "could not parse iptables data (table {} starts with {line:?} not a table name)",
                    dump.tables.len() + 1
                )));
            };
            dump.tables.push(Table {
                name: name.to_string(),
                chains: Vec::new(),
            });
            state = State::ChainDecls;
            continue;
        }
        let Some(table) = dump.tables.last_mut() else {
            return Err(err("no table".to_string()));
        };
        if state == State::ChainDecls {
            if let Some(chain) = parse_chain_decl(line) {
                table.chains.push(chain);
                continue;
            }
            state = State::Rules;
        }
        if let Some(rest) = line.strip_prefix("-A ") {
            let name = rest.split_whitespace().next().unwrap_or("");
            let Some(chain) = table.chains.iter_mut().find(|c| c.name == name) else {
                return Err(err(format!(
                    "error parsing rule {line:?}: no such chain {name:?}"
                )));
            };
            if chain.deleted {
                return Err(err(format!("cannot add rules to deleted chain {name:?}")));
            }
            chain.rules.push(parse_rule(line).map_err(err)?);
        } else if let Some(name) = line.strip_prefix("-X ") {
            let Some(chain) = table.chains.iter_mut().find(|c| c.name == name) else {
                return Err(err(format!(
                    "error parsing rule {line:?}: no such chain {name:?}"
                )));
            };
            if !chain.rules.is_empty() {
                return Err(err(format!(
                    "cannot delete chain {name:?} after adding rules"
                )));
            }
            chain.deleted = true;
        } else if line == "COMMIT" {
            state = State::Table;
        } else {
            return Err(err(format!("error parsing rule {line:?}")));
        }
    }
    if state != State::Table {
        return Err(DumpError {
            line: text.lines().count(),
            message: "could not parse iptables data (no COMMIT line?)".to_string(),
        });
    }
    Ok(dump)
}

/// `:NAME - [packets:bytes]`.
fn parse_chain_decl(line: &str) -> Option<Chain> {
    let rest = line.strip_prefix(':')?;
    let (name, rest) = rest.split_once(' ')?;
    if name.is_empty() {
        return None;
    }
    let counters = rest.strip_prefix("- [")?.strip_suffix(']')?;
    let (p, b) = counters.split_once(':')?;
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if !digits(p) || !digits(b) {
        return None;
    }
    Some(Chain {
        name: name.to_string(),
        packets: p.parse().unwrap_or(0),
        bytes: b.parse().unwrap_or(0),
        ..Chain::default()
    })
}

impl Dump {
    /// The chain `chain` of table `table`.
    pub fn chain(&self, table: &str, chain: &str) -> Option<&Chain> {
        self.tables
            .iter()
            .find(|t| t.name == table)?
            .chains
            .iter()
            .find(|c| c.name == chain)
    }

    fn chain_mut(&mut self, table: &str, chain: &str) -> Option<&mut Chain> {
        self.tables
            .iter_mut()
            .find(|t| t.name == table)?
            .chains
            .iter_mut()
            .find(|c| c.name == chain)
    }

    /// Prints the dump as the test helper does: per table the chain lines, then every chain's
    /// rules grouped by chain, then `-X` lines, then `COMMIT`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for t in &self.tables {
            out.push('*');
            out.push_str(&t.name);
            out.push('\n');
            for c in &t.chains {
                out.push_str(&format!(":{} - [{}:{}]\n", c.name, c.packets, c.bytes));
            }
            for c in &t.chains {
                for r in &c.rules {
                    out.push_str(&r.raw);
                    out.push('\n');
                }
            }
            for c in t.chains.iter().filter(|c| c.deleted) {
                out.push_str("-X ");
                out.push_str(&c.name);
                out.push('\n');
            }
            out.push_str("COMMIT\n");
        }
        out
    }
}

/// Service name of a comment: the text before the first space or `:`.
fn comment_service_name(c: &str) -> &str {
    c.find([' ', ':']).map_or(c, |i| &c[..i])
}

/// `orderByCommentServiceName`: false when either rule lacks a comment.
fn order_by_comment(a: &Rule, b: &Rule) -> bool {
    match (&a.comment, &b.comment) {
        (Some(x), Some(y)) => comment_service_name(x) < comment_service_name(y),
        _ => false,
    }
}

/// A stable merge sort driven by a "less" predicate (like Go's `sort.SliceStable`); never
/// panics on predicates that are not total orders.
fn stable_sort_by_less<T>(v: &mut Vec<T>, less: &dyn Fn(&T, &T) -> bool) {
    if v.len() < 2 {
        return;
    }
    let right = v.split_off(v.len() / 2);
    let mut left = std::mem::take(v);
    let mut right = right;
    stable_sort_by_less(&mut left, less);
    stable_sort_by_less(&mut right, less);
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    loop {
        let take_right = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) => less(b, a),
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => break,
        };
        let next = if take_right { r.next() } else { l.next() };
        v.extend(next);
    }
}

fn chain_rank(name: &str) -> (u8, &str) {
    match name {
        "KUBE-NODEPORTS" => (0, ""),
        "KUBE-SERVICES" => (1, ""),
        n if n.starts_with("KUBE-") => (2, n),
        n => (3, n),
    }
}

/// `sortIPTablesRules`: orders a dump so that it no longer depends on the order Services were
/// processed in. Tables by name; chains KUBE-NODEPORTS, KUBE-SERVICES, other `KUBE-*`
/// alphabetically, then the rest alphabetically; the rules of KUBE-NODEPORTS and KUBE-SERVICES
/// (both tables) stable-sorted by the Service name of their comment, keeping nat
/// KUBE-SERVICES' "must be the last rule" rule(s) last.
pub fn sort_dump(dump: &mut Dump) {
    svcplay_model::slice::sort_by(&mut dump.tables, |a, b| a.name.cmp(&b.name));
    for t in &mut dump.tables {
        svcplay_model::slice::sort_by(&mut t.chains, |a, b| {
            chain_rank(&a.name).cmp(&chain_rank(&b.name))
        });
    }
    for (table, chain) in [
        ("filter", "KUBE-NODEPORTS"),
        ("nat", "KUBE-NODEPORTS"),
        ("filter", "KUBE-SERVICES"),
    ] {
        if let Some(c) = dump.chain_mut(table, chain) {
            stable_sort_by_less(&mut c.rules, &order_by_comment);
        }
    }
    if let Some(c) = dump.chain_mut("nat", "KUBE-SERVICES") {
        let is_last = |r: &Rule| {
            r.comment
                .as_deref()
                .is_some_and(|c| c.contains("must be the last rule"))
        };
        stable_sort_by_less(&mut c.rules, &|a: &Rule, b: &Rule| {
            if is_last(a) {
                false
            } else if is_last(b) {
                true
            } else {
                order_by_comment(a, b)
            }
        });
    }
}

/// Parses and sorts a dump like upstream's `assertIPTablesRulesEqual` does before comparing
/// (leading blank space is ignored). Text that does not parse is returned unchanged.
pub fn normalize(dump: &str) -> String {
    let text = dump.trim_start_matches([' ', '\t', '\n']);
    match parse_dump(text) {
        Ok(mut d) => {
            sort_dump(&mut d);
            d.to_text()
        }
        Err(_) => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_quotes() {
        assert_eq!(
            words(r#"-A X -m comment --comment "a b" -j Y"#),
            vec!["-A", "X", "-m", "comment", "--comment", "a b", "-j", "Y"]
        );
    }

    #[test]
    fn rule_negations() {
        let r = parse_rule(
            "-A KUBE-SERVICES -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS",
        )
        .unwrap();
        assert!(r.destination.as_ref().unwrap().negated);
        assert_eq!(r.destination_type.as_ref().unwrap().value, "LOCAL");
        assert_eq!(r.jump.as_deref(), Some("KUBE-NODEPORTS"));
    }

    #[test]
    fn parse_errors_are_values() {
        assert!(parse_dump("*filter\n:A - [0:0]\n").is_err());
        assert!(parse_dump("junk\nCOMMIT\n").is_err());
        assert!(parse_dump("*nat\n-A NOPE -j X\nCOMMIT\n").is_err());
        assert!(parse_rule("-A X").is_err());
        assert!(parse_rule("-A X -j").is_err());
    }
}
