//! Command-line parsing (hand-written: the interface is small and must stay stable).

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// kubectl-like lines.
    Text,
    /// One JSON document.
    Json,
}

/// Options shared by every subcommand.
#[derive(Debug, Clone)]
pub struct Common {
    /// `-f FILE` (repeatable; `-` = stdin).
    pub files: Vec<String>,
    /// `-o text|json`.
    pub format: Format,
    /// `--bare`.
    pub bare: bool,
    /// `--observed`.
    pub observed: bool,
    /// `--seed S`.
    pub seed: u64,
}

/// A parsed command line.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// The subcommand (`apply`, `dns`, ...).
    pub command: String,
    /// Positional arguments after the subcommand.
    pub positional: Vec<String>,
    /// Shared options.
    pub common: Common,
    /// Subcommand flags with a value (`--type A`, `--node n1`), in order.
    pub flags: Vec<(String, String)>,
}

impl Invocation {
    /// The last value of `--name`, if given.
    #[allow(
        dead_code,
        reason = "used by the dns, rules, trace and request commands"
    )]
    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Flags that take a value, per subcommand (besides `-f`, `-o`, `--seed`).
fn value_flags(command: &str) -> &'static [&'static str] {
    match command {
        "dns" => &["--type"],
        "rules" => &["--node"],
        "trace" => &["--node", "--src", "--dst", "--protocol"],
        "request" => &["--from", "--to", "--count"],
        _ => &[],
    }
}

/// Parses `args` (without the program name). Errors are usage messages.
pub fn parse(args: &[String]) -> Result<Invocation, String> {
    let mut it = args.iter();
    let command = match it.next() {
        Some(c) if !c.starts_with('-') => c.clone(),
        Some(c) if c == "-h" || c == "--help" => "help".to_string(),
        Some(c) => return Err(format!("unknown flag {c:?} before the command")),
        None => return Err("missing command".to_string()),
    };
    let mut inv = Invocation {
        command: command.clone(),
        positional: Vec::new(),
        common: Common {
            files: Vec::new(),
            format: Format::Text,
            bare: false,
            observed: false,
            seed: 1,
        },
        flags: Vec::new(),
    };
    let takes_value = value_flags(&command);
    while let Some(arg) = it.next() {
        // `--flag=value` is accepted for every flag with a value.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |flag: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("flag {flag} needs a value")),
            }
        };
        match name.as_str() {
            "-f" | "--filename" => inv.common.files.push(value(&name)?),
            "-o" | "--output" => {
                inv.common.format = match value(&name)?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => {
                        return Err(format!(
                            "unsupported output format {other:?} (use text or json)"
                        ));
                    }
                }
            }
            "--seed" => {
                let v = value(&name)?;
                inv.common.seed = v
                    .parse()
                    .map_err(|_| format!("--seed needs a non-negative integer, got {v:?}"))?;
            }
            "--bare" => inv.common.bare = true,
            "--observed" => inv.common.observed = true,
            "-h" | "--help" => inv.command = "help".to_string(),
            n if takes_value.contains(&n) => {
                let v = value(n)?;
                inv.flags.push((n.to_string(), v));
            }
            n if n.starts_with('-') && n != "-" => {
                return Err(format!("unknown flag {n:?} for {command}"));
            }
            _ => inv.positional.push(arg.clone()),
        }
    }
    Ok(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn parses_apply() {
        let inv = parse(&s(&[
            "apply", "-f", "a.yaml", "-f", "-", "-o", "json", "--bare",
        ]))
        .unwrap();
        assert_eq!(inv.command, "apply");
        assert_eq!(inv.common.files, vec!["a.yaml", "-"]);
        assert_eq!(inv.common.format, Format::Json);
        assert!(inv.common.bare);
    }

    #[test]
    fn parses_dns_flags() {
        let inv = parse(&s(&["dns", "web.default.svc", "--type=SRV", "-f", "x"])).unwrap();
        assert_eq!(inv.positional, vec!["web.default.svc"]);
        assert_eq!(inv.flag("--type"), Some("SRV"));
    }

    #[test]
    fn rejects_bad_usage() {
        assert!(parse(&s(&["apply", "-f"])).is_err());
        assert!(parse(&s(&["apply", "-o", "yaml"])).is_err());
        assert!(parse(&s(&["apply", "--nope"])).is_err());
        assert!(parse(&s(&[])).is_err());
    }
}
