//! Field errors as `k8s.io/apimachinery/pkg/util/validation/field` reports them.
//!
//! `FieldError::message` renders exactly upstream's `Error()`: `"<field>: <ErrorBody>"`, where the
//! body is the type string, then `": <badValue>"` for value-carrying types, then `": <detail>"`.

use serde::Serialize;

/// `field.ErrorType`. Serialized as the Go constant's name without the `ErrorType` prefix
/// (`Required`, `Invalid`, `Unsupported` for `NotSupported`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ErrorType {
    /// `ErrorTypeNotFound`: "Not found".
    NotFound,
    /// `ErrorTypeRequired`: "Required value".
    Required,
    /// `ErrorTypeDuplicate`: "Duplicate value".
    Duplicate,
    /// `ErrorTypeInvalid`: "Invalid value".
    Invalid,
    /// `ErrorTypeNotSupported`: "Unsupported value".
    #[serde(rename = "Unsupported")]
    NotSupported,
    /// `ErrorTypeForbidden`: "Forbidden".
    Forbidden,
    /// `ErrorTypeTooLong`: "Too long".
    TooLong,
    /// `ErrorTypeTooMany`: "Too many".
    TooMany,
    /// `ErrorTypeInternal`: "Internal error".
    #[serde(rename = "InternalError")]
    Internal,
    /// `ErrorTypeTypeInvalid`: "Invalid value" (schema type errors).
    TypeInvalid,
}

impl ErrorType {
    /// Upstream's `ErrorType.String()`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::NotFound => "Not found",
            ErrorType::Required => "Required value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
            ErrorType::TypeInvalid => "Invalid value",
        }
    }
}

/// A bad value, already in the form Go's `ErrorBody` prints it.
///
/// Go prints `int`/`bool` with `%v`, `string` with `%q`, nil pointers as `null`, and other values
/// with `%#v` (e.g. `[]string{"10.0.0.1"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum BadValue {
    /// An integer (`%v`).
    Int(i64),
    /// A boolean (`%v`).
    Bool(bool),
    /// A string (`%q`).
    Str(String),
    /// A string slice (`%#v` → `[]string{"a", "b"}`).
    StrList(Vec<String>),
    /// A nil pointer (`null`).
    Null,
    /// Any other value pre-rendered with Go's `%#v` (e.g. `core.ServicePort{...}`).
    GoSyntax(String),
}

impl BadValue {
    /// The value as `ErrorBody` prints it.
    pub fn render(&self) -> String {
        match self {
            BadValue::Int(i) => i.to_string(),
            BadValue::Bool(b) => b.to_string(),
            BadValue::Str(s) => go_quote(s),
            BadValue::StrList(l) => {
                let items: Vec<String> = l.iter().map(|s| go_quote(s)).collect();
                format!("[]string{{{}}}", items.join(", "))
            }
            BadValue::Null => "null".to_string(),
            BadValue::GoSyntax(s) => s.clone(),
        }
    }
}

impl From<i32> for BadValue {
    fn from(v: i32) -> Self {
        BadValue::Int(v.into())
    }
}

impl From<i64> for BadValue {
    fn from(v: i64) -> Self {
        BadValue::Int(v)
    }
}

impl From<bool> for BadValue {
    fn from(v: bool) -> Self {
        BadValue::Bool(v)
    }
}

impl From<&str> for BadValue {
    fn from(v: &str) -> Self {
        BadValue::Str(v.to_string())
    }
}

impl From<String> for BadValue {
    fn from(v: String) -> Self {
        BadValue::Str(v)
    }
}

impl From<&String> for BadValue {
    fn from(v: &String) -> Self {
        BadValue::Str(v.clone())
    }
}

impl From<&[String]> for BadValue {
    fn from(v: &[String]) -> Self {
        BadValue::StrList(v.to_vec())
    }
}

impl From<&Vec<String>> for BadValue {
    fn from(v: &Vec<String>) -> Self {
        BadValue::StrList(v.clone())
    }
}

/// Go's `strconv.Quote` for the strings that appear in manifests: `"` and `\` escaped, control
/// characters and invalid code points as `\x`/`\u` escapes, printable Unicode kept.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => {
                if (c as u32) <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One field error: upstream's `field.Error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field path, e.g. `spec.ports[0].nodePort`.
    pub field: String,
    /// The error type.
    #[serde(rename = "type")]
    pub type_: ErrorType,
    /// The offending value, for the types that print one.
    #[serde(rename = "badValue")]
    pub bad_value: Option<BadValue>,
    /// Extra detail.
    pub detail: String,
}

impl FieldError {
    fn new(type_: ErrorType, field: &Path, bad_value: Option<BadValue>, detail: &str) -> Self {
        FieldError {
            field: field.to_string(),
            type_,
            bad_value,
            detail: detail.to_string(),
        }
    }

    /// `field.Required`.
    pub fn required(field: &Path, detail: &str) -> Self {
        Self::new(ErrorType::Required, field, None, detail)
    }

    /// `field.Forbidden`.
    pub fn forbidden(field: &Path, detail: &str) -> Self {
        Self::new(ErrorType::Forbidden, field, None, detail)
    }

    /// `field.Invalid`.
    pub fn invalid(field: &Path, value: impl Into<BadValue>, detail: &str) -> Self {
        Self::new(ErrorType::Invalid, field, Some(value.into()), detail)
    }

    /// `field.Duplicate`.
    pub fn duplicate(field: &Path, value: impl Into<BadValue>) -> Self {
        Self::new(ErrorType::Duplicate, field, Some(value.into()), "")
    }

    /// `field.NotFound`.
    pub fn not_found(field: &Path, value: impl Into<BadValue>) -> Self {
        Self::new(ErrorType::NotFound, field, Some(value.into()), "")
    }

    /// `field.NotSupported`: the detail lists the sorted, quoted valid values.
    pub fn not_supported(field: &Path, value: impl Into<BadValue>, valid: &[&str]) -> Self {
        let mut sorted: Vec<&str> = valid.to_vec();
        crate::slice::sort(&mut sorted);
        let detail = if sorted.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = sorted.iter().map(|v| go_quote(v)).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        Self::new(ErrorType::NotSupported, field, Some(value.into()), &detail)
    }

    /// `field.NotSupported` with the valid values in the order given. Upstream does not sort;
    /// call sites that pass a literal list (e.g. `[]core.RestartPolicy{Always, OnFailure, Never}`)
    /// print it in that order, while `sets.List(...)` call sites get sorted values
    /// ([`FieldError::not_supported`]).
    pub fn not_supported_ordered(field: &Path, value: impl Into<BadValue>, valid: &[&str]) -> Self {
        let quoted: Vec<String> = valid.iter().map(|v| go_quote(v)).collect();
        let detail = if quoted.is_empty() {
            String::new()
        } else {
            format!("supported values: {}", quoted.join(", "))
        };
        Self::new(ErrorType::NotSupported, field, Some(value.into()), &detail)
    }

    /// `field.TooLong` with 1.33's detail, `may not be more than N bytes`.
    pub fn too_long(field: &Path, max: usize) -> Self {
        Self::new(
            ErrorType::TooLong,
            field,
            None,
            &format!(
                "may not be more than {max} {}",
                if max == 1 { "byte" } else { "bytes" }
            ),
        )
    }

    /// `field.TooMany`: `actual` items where at most `max` are allowed.
    pub fn too_many(field: &Path, actual: usize, max: usize) -> Self {
        let detail = format!("must have at most {max} items");
        Self::new(
            ErrorType::TooMany,
            field,
            Some(BadValue::Int(actual as i64)),
            &detail,
        )
    }

    /// `field.InternalError`.
    pub fn internal(field: &Path, detail: &str) -> Self {
        Self::new(ErrorType::Internal, field, None, detail)
    }

    /// Upstream's `ErrorBody()`.
    pub fn body(&self) -> String {
        let mut s = self.type_.as_str().to_string();
        let prints_value = !matches!(
            self.type_,
            ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong | ErrorType::Internal
        );
        if prints_value && let Some(v) = &self.bad_value {
            s.push_str(": ");
            s.push_str(&v.render());
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }

    /// Upstream's `Error()`: `"<field>: <body>"`.
    pub fn message(&self) -> String {
        if self.field.is_empty() {
            self.body()
        } else {
            format!("{}: {}", self.field, self.body())
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// A list of field errors (`field.ErrorList`).
pub type ErrorList = Vec<FieldError>;

/// A field path (`field.Path`), e.g. `spec.ports[0].nodePort`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Path(String);

impl Path {
    /// A root path (`field.NewPath("spec")`).
    pub fn new(root: &str) -> Self {
        Path(root.to_string())
    }

    /// `Child`: `spec` → `spec.ports`.
    pub fn child(&self, name: &str) -> Self {
        if self.0.is_empty() {
            Path(name.to_string())
        } else {
            Path(join(&self.0, ".", name, ""))
        }
    }

    /// `Index`: `spec.ports` → `spec.ports[0]`.
    pub fn index(&self, i: usize) -> Self {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = i;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        // ASCII digits by construction.
        let i = std::str::from_utf8(&digits[at..]).unwrap_or_default();
        Path(join(&self.0, "[", i, "]"))
    }

    /// `Key`: `spec.selector` → `spec.selector[app]`.
    pub fn key(&self, k: &str) -> Self {
        Path(join(&self.0, "[", k, "]"))
    }

    /// The path text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `a + sep + b + end` in one allocation (paths are built for every decoded and validated field).
fn join(a: &str, sep: &str, b: &str, end: &str) -> String {
    let mut s = String::with_capacity(a.len() + sep.len() + b.len() + end.len());
    s.push_str(a);
    s.push_str(sep);
    s.push_str(b);
    s.push_str(end);
    s
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Format from staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go
    // (`TestErrorFormatting`-style expectations).
    #[test]
    fn renders_like_upstream() {
        let p = Path::new("spec").child("ports").index(0).child("nodePort");
        let e = FieldError::invalid(
            &p,
            80,
            "provided port is not in the valid range. The range of valid ports is 30000-32767",
        );
        assert_eq!(
            e.message(),
            "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"
        );
        let e = FieldError::not_supported(
            &Path::new("spec").child("type"),
            "Foo",
            &["NodePort", "ClusterIP", "LoadBalancer", "ExternalName"],
        );
        assert_eq!(
            e.message(),
            "spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
        );
        assert_eq!(
            FieldError::required(&Path::new("spec").child("ports"), "").message(),
            "spec.ports: Required value"
        );
        let e = FieldError::invalid(
            &Path::new("spec").child("clusterIPs"),
            &vec!["10.0.0.1".to_string()],
            "x",
        );
        assert_eq!(
            e.message(),
            "spec.clusterIPs: Invalid value: []string{\"10.0.0.1\"}: x"
        );
        assert_eq!(go_quote("a\"b\n"), "\"a\\\"b\\n\"");
    }

    #[test]
    fn paths_render_children_indexes_and_keys() {
        let p = Path::new("spec");
        assert_eq!(p.child("ports").as_str(), "spec.ports");
        assert_eq!(Path::new("").child("spec").as_str(), "spec");
        for i in [0usize, 7, 10, 99, 12_345, usize::MAX] {
            assert_eq!(p.index(i).as_str(), format!("spec[{i}]"));
        }
        assert_eq!(p.key("app").as_str(), "spec[app]");
    }
}
