//! A serde `Deserializer` over the YAML tree that behaves like `sigs.k8s.io/yaml` (YAML → JSON)
//! followed by the API server's `encoding/json` decode into the Go types:
//!
//! * YAML null gives the Go zero value (`""`, `0`, `false`, empty list/map/struct) or `None`;
//!   missing fields are zero too (never serde's "missing field");
//! * type mismatches give `encoding/json`'s `UnmarshalTypeError` text, e.g.
//!   `json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`;
//! * unknown fields of structs that list their fields become warnings (`unknown field
//!   "spec.portz"`, hint `did you mean "spec.ports"?`). Structs with a `#[serde(flatten)]`
//!   catch-all (PodSpec, Container, ...) keep the fields svcplay does not model verbatim; the
//!   upstream type of each is in [`super::schema`], and such a value is checked against it as
//!   it is read (unknown fields and type mismatches as above, nothing else): see
//!   [`check_verbatim`];
//! * every value's position is recorded in the [`SourceMap`] under upstream's field path syntax.

use std::fmt;

use serde::de::{self, DeserializeSeed, Error as _, IntoDeserializer, Visitor};

use super::schema::{self, Shape};
use super::yaml::{Node, Resolved, Value, go_json_float, key_cow, resolve};
use crate::source::{Diagnostic, SourceMap, Span};

/// A decode failure with the position it applies to. Boxed: every generic `Result` of the
/// walk carries it, and one pointer moves in far less code than the fields do (wasm size).
#[derive(Clone, PartialEq)]
pub struct DeError(Box<DeErrorData>);

/// What a [`DeError`] says.
#[derive(Debug, Clone, PartialEq)]
pub struct DeErrorData {
    /// The message (`json: cannot unmarshal ...`).
    pub message: String,
    /// Where, once known.
    pub span: Option<Span>,
}

impl fmt::Debug for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeError")
            .field("message", &self.0.message)
            .field("span", &self.0.span)
            .finish()
    }
}

impl std::ops::Deref for DeError {
    type Target = DeErrorData;
    fn deref(&self) -> &DeErrorData {
        &self.0
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string())
    }
}

impl DeError {
    /// An error at `span` (for checks made after the walk, such as quantities).
    pub(super) fn with_span(message: String, span: Span) -> Self {
        DeError(Box::new(DeErrorData {
            message,
            span: Some(span),
        }))
    }

    /// An error with no position yet.
    #[cold]
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn new(message: String) -> Self {
        DeError(Box::new(DeErrorData {
            message,
            span: None,
        }))
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn at(mut self, span: Span) -> Self {
        if self.0.span.is_none() {
            self.0.span = Some(span);
        }
        self
    }
}

/// State shared by the whole walk over one object.
#[derive(Debug)]
pub struct Ctx<'f> {
    /// File name for warnings.
    pub file: &'f str,
    /// Kind being decoded (names a few Go types that differ by kind).
    pub kind: String,
    /// Go package name of the object's own types (`v1`, `v1beta4`, `v1alpha1`).
    pub pkg: String,
    /// Positions recorded so far.
    pub source: SourceMap,
    /// Unknown-field warnings.
    pub warnings: Vec<Diagnostic>,
    path: String,
    go_fields: Vec<String>,
    go_struct: Option<String>,
    /// The upstream type of the value about to be read when a catch-all keeps it verbatim
    /// (set for each map entry and sequence item, taken by `deserialize_any`, which is how
    /// verbatim values are read).
    verbatim: Option<u8>,
    /// The upstream type of the verbatim value about to be read, for leaving out the fields
    /// that type does not have (`encoding/json` drops unknown fields; they were warned about
    /// when the value was checked). Set like `verbatim`, one level at a time.
    prune: Option<u8>,
}

impl<'f> Ctx<'f> {
    /// A fresh context.
    pub fn new(file: &'f str, kind: &str, pkg: &str, document: Span) -> Self {
        Ctx {
            file,
            kind: kind.to_string(),
            pkg: pkg.to_string(),
            source: {
                let mut s = SourceMap::default();
                s.document = document;
                s
            },
            warnings: Vec::new(),
            path: String::new(),
            go_fields: Vec::new(),
            go_struct: None,
            verbatim: None,
            prune: None,
        }
    }

    /// `encoding/json`'s `UnmarshalTypeError.Error()`.
    fn type_error(&self, value: &str, go_type: &str) -> DeError {
        let message = match &self.go_struct {
            Some(s) if !self.go_fields.is_empty() => format!(
                "json: cannot unmarshal {value} into Go struct field {s}.{} of type {go_type}",
                self.go_fields.join(".")
            ),
            _ => format!("json: cannot unmarshal {value} into Go value of type {go_type}"),
        };
        DeError::new(message)
    }

    /// The Go name of a struct type, qualified by package (`v1.ServicePort`).
    fn go_struct_name(&self, rust: &str) -> String {
        let pkg = match rust {
            "ObjectMeta" | "OwnerReference" | "LabelSelector" | "LabelSelectorRequirement" => "v1",
            _ => self.pkg.as_str(),
        };
        format!("{pkg}.{}", self.go_struct_base(rust))
    }

    /// The Go name of a struct type without its package (`ServicePort`), as
    /// `UnmarshalTypeError.Struct` holds it.
    fn go_struct_base(&self, rust: &str) -> String {
        match rust {
            "ExtraArg" => "Arg".to_string(),
            "Condition" if self.kind == "Node" => "NodeCondition".to_string(),
            "Condition" => "PodCondition".to_string(),
            "WorkloadStatus" => format!("{}Status", self.kind),
            other => other.to_string(),
        }
    }
}

/// What kind of JSON value a node is, in `encoding/json`'s words.
fn json_kind(node: &Node) -> Result<&'static str, DeError> {
    Ok(match &node.value {
        Value::Seq(_) => "array",
        Value::Map(_) => "object",
        Value::Scalar(s) => match resolve(s).map_err(|m| DeError::custom(m).at(node.span))? {
            Resolved::Null => "null",
            Resolved::Bool(_) => "bool",
            Resolved::Str(_) => "string",
            Resolved::Int(_) | Resolved::Uint(_) | Resolved::Float(_) => "number",
        },
    })
}

/// The text of `visitor.expecting`, e.g. `struct PodSpec` for derived structs.
fn expecting<'de, V: Visitor<'de>>(v: &V) -> String {
    struct W<'a, V>(&'a V);
    impl<'de, V: Visitor<'de>> fmt::Display for W<'_, V> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(f)
        }
    }
    W(v).to_string()
}

/// How a mapping's keys extend the path.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MapMode<'s> {
    /// A Go struct: `parent.key`, key pushed on the Go field stack.
    Struct {
        fields: Option<&'static [&'static str]>,
        go_name: &'s str,
        /// For a struct with a catch-all: its upstream type (see [`super::schema`]).
        schema: Option<u8>,
    },
    /// An untyped JSON object (`serde_json::Value`): `parent.key`.
    Object,
    /// A Go map: `parent[key]`.
    Map,
}

/// Deserializes one node.
pub struct De<'a, 'c, 'f> {
    node: &'a Node,
    null: &'a Node,
    ctx: &'c mut Ctx<'f>,
}

impl fmt::Debug for De<'_, '_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("De").field("span", &self.node.span).finish()
    }
}

impl<'a, 'c, 'f> De<'a, 'c, 'f> {
    /// A deserializer for `node`; `null` is any null node that lives as long (used for missing
    /// fields).
    pub fn new(node: &'a Node, null: &'a Node, ctx: &'c mut Ctx<'f>) -> Self {
        De { node, null, ctx }
    }

    fn resolved(&self) -> Result<Option<Resolved<'a>>, DeError> {
        match &self.node.value {
            Value::Scalar(s) => resolve(s)
                .map(Some)
                .map_err(|m| DeError::custom(m).at(self.node.span)),
            _ => Ok(None),
        }
    }

    fn mismatch(&self, value: &str, go_type: &str) -> DeError {
        self.ctx.type_error(value, go_type).at(self.node.span)
    }

    fn unsupported(&self, f: f64) -> DeError {
        let v = if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "+Inf"
        } else {
            "-Inf"
        };
        DeError::custom(format!("json: unsupported value: {v}")).at(self.node.span)
    }

    /// An integer target of Go type `go_type` with the given range.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn integer(&self, go_type: &str, min: i128, max: i128) -> Result<i128, DeError> {
        let lit = match self.resolved()? {
            None => return Err(self.mismatch(json_kind(self.node)?, go_type)),
            Some(Resolved::Null) => return Ok(0),
            Some(Resolved::Int(i)) => i.to_string(),
            Some(Resolved::Uint(u)) => u.to_string(),
            Some(Resolved::Float(f)) if !f.is_finite() => return Err(self.unsupported(f)),
            Some(Resolved::Float(f)) => go_json_float(f),
            Some(Resolved::Bool(_)) => return Err(self.mismatch("bool", go_type)),
            Some(Resolved::Str(_)) => return Err(self.mismatch("string", go_type)),
        };
        match lit.parse::<i128>() {
            Ok(v) if (min..=max).contains(&v) => Ok(v),
            _ => Err(self.mismatch(&format!("number {lit}"), go_type)),
        }
    }

    /// A string target's value (null reads as `""`).
    fn str_value(&self) -> Result<&'a str, DeError> {
        self.str_value_of("string")
    }

    /// The value of a target of Go string type `go_type` (`string`, `v1.PullPolicy`).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn str_value_of(&self, go_type: &str) -> Result<&'a str, DeError> {
        match self.resolved()? {
            Some(Resolved::Str(s)) => Ok(s),
            Some(Resolved::Null) => Ok(""),
            Some(Resolved::Float(f)) if !f.is_finite() => Err(self.unsupported(f)),
            _ => Err(self.mismatch(json_kind(self.node)?, go_type)),
        }
    }

    /// A bool target's value (null reads as `false`).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn bool_value(&self) -> Result<bool, DeError> {
        match self.resolved()? {
            Some(Resolved::Bool(b)) => Ok(b),
            Some(Resolved::Null) => Ok(false),
            Some(Resolved::Float(f)) if !f.is_finite() => Err(self.unsupported(f)),
            _ => Err(self.mismatch(json_kind(self.node)?, "bool")),
        }
    }

    /// A float target's value (null reads as `0`).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn f64_value(&self) -> Result<f64, DeError> {
        match self.resolved()? {
            Some(Resolved::Null) => Ok(0.0),
            Some(Resolved::Int(i)) => Ok(i as f64),
            Some(Resolved::Uint(u)) => Ok(u as f64),
            Some(Resolved::Float(f)) if !f.is_finite() => Err(self.unsupported(f)),
            Some(Resolved::Float(f)) => Ok(f),
            _ => Err(self.mismatch(json_kind(self.node)?, "float64")),
        }
    }

    /// What `deserialize_any` hands its visitor.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn any_value(&self) -> Result<Any<'a>, DeError> {
        Ok(match self.resolved()? {
            None => match &self.node.value {
                Value::Seq(_) => Any::Seq,
                _ => Any::Map,
            },
            Some(Resolved::Null) => Any::Unit,
            Some(Resolved::Bool(b)) => Any::Bool(b),
            Some(Resolved::Int(i)) => Any::I64(i),
            Some(Resolved::Uint(u)) => Any::U64(u),
            Some(Resolved::Float(f)) if !f.is_finite() => return Err(self.unsupported(f)),
            // JSON has one number type: `8.0` is written `8` and then reads as an integer.
            Some(Resolved::Float(f)) => match go_json_float(f).parse::<i64>() {
                Ok(i) => Any::I64(i),
                Err(_) => Any::F64(f),
            },
            Some(Resolved::Str(s)) => Any::Str(s),
        })
    }

    /// How `deserialize_map` treats this node for a visitor expecting `exp`.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn map_kind(&self, exp: &str) -> Result<MapKind, DeError> {
        let is_map = matches!(self.node.value, Value::Map(_)) || self.node.is_null();
        match exp.strip_prefix("struct ") {
            Some(name) if is_map => Ok(MapKind::Struct(self.ctx.go_struct_base(name))),
            Some(name) => {
                let go = self.ctx.go_struct_name(name);
                Err(self.mismatch(json_kind(self.node)?, &go))
            }
            None if is_map => Ok(MapKind::Map),
            None => Ok(MapKind::Mismatch(json_kind(self.node)?)),
        }
    }

    /// The string of an enum target.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn enum_str(&self, name: &str) -> Result<&'a str, DeError> {
        match self.resolved()? {
            Some(Resolved::Str(s)) => Ok(s),
            _ => Err(self.mismatch(json_kind(self.node)?, name)),
        }
    }

    /// Checks an `intstr.IntOrString` target: a string, or anything else decoded as `int32`
    /// (`IntOrString.UnmarshalJSON`).
    fn int_or_string(&self) -> Result<(), DeError> {
        match self.resolved()? {
            Some(Resolved::Str(_) | Resolved::Null) => Ok(()),
            Some(Resolved::Int(i)) if i32::try_from(i).is_ok() => Ok(()),
            Some(Resolved::Float(f)) if !f.is_finite() => Err(self.unsupported(f)),
            Some(Resolved::Float(f))
                if go_json_float(f)
                    .parse::<i64>()
                    .is_ok_and(|i| i32::try_from(i).is_ok()) =>
            {
                Ok(())
            }
            _ => Err(self
                .ctx
                .type_error(&numeric_value_desc(self.node), "int32")
                .at(self.node.span)),
        }
    }

    /// The Go name of struct `name` when this node can decode into it (a mapping or null), else
    /// the type error.
    #[inline(never)]
    fn struct_base(&self, name: &str) -> Result<String, DeError> {
        if matches!(self.node.value, Value::Map(_)) || self.node.is_null() {
            Ok(self.ctx.go_struct_base(name))
        } else {
            let go = self.ctx.go_struct_name(name);
            Err(self.mismatch(json_kind(self.node)?, &go))
        }
    }

    /// The Go type a visitor stands for, found by offering it a probe.
    fn probe_type<V: Visitor<'a>>(&self, visitor: V, seq: bool) -> String {
        let mut out = String::new();
        let p = Probe {
            out: &mut out,
            ctx: &*self.ctx,
        };
        let _ = if seq {
            p.out.push_str("[]");
            visitor.visit_seq(ProbeSeq { probe: Some(p) })
        } else {
            p.out.push_str("map[string]");
            visitor.visit_map(ProbeMap {
                probe: Some(p),
                key_done: false,
            })
        };
        out
    }

    fn map<V: Visitor<'a>>(self, visitor: V, mode: MapMode<'_>) -> Result<V::Value, DeError> {
        let span = self.node.span;
        visitor
            .visit_map(self.map_acc(mode))
            .map_err(|e| e.at(span))
    }

    /// The `MapAccess` over this node's entries.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn map_acc<'s>(self, mode: MapMode<'s>) -> MapAcc<'a, 'c, 'f, 's> {
        let entries: &'a [(Node, Node)] = match &self.node.value {
            Value::Map(e) => e,
            _ => &[],
        };
        let missing = missing_fields(entries, mode);
        MapAcc {
            entries,
            idx: 0,
            missing,
            missing_idx: 0,
            current: None,
            mode,
            value_schema: None,
            prune: None,
            value_prune: None,
            null: self.null,
            ctx: self.ctx,
        }
    }

    fn seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.seq_pruned(visitor, None)
    }

    /// [`De::seq`] of a verbatim list of upstream type `prune` (see [`Ctx::prune`]).
    fn seq_pruned<V: Visitor<'a>>(
        self,
        visitor: V,
        prune: Option<u8>,
    ) -> Result<V::Value, DeError> {
        let span = self.node.span;
        let items: &'a [Node] = match &self.node.value {
            Value::Seq(items) => items,
            _ => &[],
        };
        visitor
            .visit_seq(SeqAcc {
                items,
                idx: 0,
                elem: prune.and_then(|ty| match schema::get(ty).shape() {
                    Shape::Slice(elem) => Some(elem),
                    _ => None,
                }),
                null: self.null,
                ctx: self.ctx,
            })
            .map_err(|e| e.at(span))
    }
}

/// What `deserialize_any` hands its visitor, worked out before the visitor is called.
enum Any<'a> {
    Seq,
    Map,
    Unit,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(&'a str),
}

/// How `deserialize_map` treats a node.
enum MapKind {
    /// A struct with a flattened catch-all, by its Go name.
    Struct(String),
    /// A Go map.
    Map,
    /// Not a mapping: a type error naming this JSON kind and the Go type the probe finds.
    Mismatch(&'static str),
}

/// The fields of a struct that `entries` does not write (they decode as Go zero values).
#[inline(never)]
fn missing_fields(entries: &[(Node, Node)], mode: MapMode<'_>) -> Vec<&'static str> {
    match mode {
        MapMode::Struct {
            fields: Some(fields),
            ..
        } => fields
            .iter()
            .copied()
            .filter(|f| !entries.iter().any(|(k, _)| key_cow(k) == *f))
            .collect(),
        _ => Vec::new(),
    }
}

macro_rules! int_method {
    ($method:ident, $visit:ident, $t:ty, $go:literal) => {
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
            let v = self.integer($go, <$t>::MIN as i128, <$t>::MAX as i128)?;
            // In range by construction.
            visitor.$visit(v as $t)
        }
    };
}

impl<'a> de::Deserializer<'a> for De<'a, '_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        let prune = match self.ctx.verbatim.take() {
            Some(ty) => {
                check_verbatim(self.node, ty, self.ctx)?;
                Some(ty)
            }
            None => self.ctx.prune.take(),
        };
        let r = match self.any_value()? {
            Any::Seq => self.seq_pruned(visitor, prune),
            Any::Map => {
                let mut acc = self.map_acc(MapMode::Object);
                acc.prune = prune;
                visitor.visit_map(acc).map_err(|e| e.at(span))
            }
            Any::Unit => visitor.visit_unit(),
            Any::Bool(b) => visitor.visit_bool(b),
            Any::I64(i) => visitor.visit_i64(i),
            Any::U64(u) => visitor.visit_u64(u),
            Any::F64(f) => visitor.visit_f64(f),
            Any::Str(s) => visitor.visit_borrowed_str(s),
        };
        r.map_err(|e| e.at(span))
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_bool(self.bool_value()?)
    }

    int_method!(deserialize_i8, visit_i8, i8, "int8");
    int_method!(deserialize_i16, visit_i16, i16, "int16");
    int_method!(deserialize_i32, visit_i32, i32, "int32");
    int_method!(deserialize_i64, visit_i64, i64, "int64");
    int_method!(deserialize_u8, visit_u8, u8, "uint8");
    int_method!(deserialize_u16, visit_u16, u16, "uint16");
    int_method!(deserialize_u32, visit_u32, u32, "uint32");
    int_method!(deserialize_u64, visit_u64, u64, "uint64");

    fn deserialize_f32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_f64(self.f64_value()?)
    }

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_str(self.str_value()?)
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Seq(_) => self.seq(visitor),
            _ if self.node.is_null() => self.seq(visitor),
            _ => {
                let kind = json_kind(self.node)?;
                let go = self.probe_type(visitor, true);
                Err(self.mismatch(kind, &go))
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Structs with a flattened catch-all arrive here; their visitor names them.
        match self.map_kind(&expecting(&visitor))? {
            MapKind::Struct(base) => {
                let schema = schema::root(&base);
                self.map(
                    visitor,
                    MapMode::Struct {
                        fields: None,
                        go_name: &base,
                        schema,
                    },
                )
            }
            MapKind::Map => self.map(visitor, MapMode::Map),
            MapKind::Mismatch(kind) => {
                let go = self.probe_type(visitor, false);
                Err(self.mismatch(kind, &go))
            }
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let base = self.struct_base(name)?;
        self.map(
            visitor,
            MapMode::Struct {
                fields: Some(fields),
                go_name: &base,
                schema: None,
            },
        )
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(self.enum_str(name)?.into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// The value as an `UnmarshalTypeError` names it when the target is numeric
/// (`number 99999999999`), else its JSON kind.
fn numeric_value_desc(node: &Node) -> String {
    match node.scalar().map(resolve) {
        Some(Ok(Resolved::Int(i))) => format!("number {i}"),
        Some(Ok(Resolved::Uint(u))) => format!("number {u}"),
        Some(Ok(Resolved::Float(f))) => format!("number {}", go_json_float(f)),
        _ => json_kind(node).unwrap_or("value").to_string(),
    }
}

/// Turns serde's "data did not match any variant of untagged enum X" for the value `node` into
/// the error the Go type's own `UnmarshalJSON` gives (`IntOrString` decodes non-strings as
/// `int32`), in the Go field context of the field being decoded.
#[inline(never)]
fn fix_untagged(e: DeError, node: &Node, ctx: &Ctx<'_>) -> DeError {
    let Some(rest) = e
        .message
        .strip_prefix("data did not match any variant of untagged enum ")
    else {
        return e.at(node.span);
    };
    let go_type = match rest {
        "IntOrString" => "int32".to_string(),
        "ExtraArgs" if ctx.pkg == "v1beta3" => "map[string]string".to_string(),
        "ExtraArgs" => format!("[]{}.Arg", ctx.pkg),
        other => other.to_string(),
    };
    ctx.type_error(&numeric_value_desc(node), &go_type)
        .at(node.span)
}

struct SeqAcc<'a, 'c, 'f> {
    items: &'a [Node],
    idx: usize,
    /// The upstream type of verbatim items (see [`Ctx::prune`]).
    elem: Option<u8>,
    null: &'a Node,
    ctx: &'c mut Ctx<'f>,
}

// The generic `*_seed` methods are instantiated once per Rust type decoded; everything that does
// not depend on that type lives in these non-generic helpers so that it is compiled once (this
// keeps the wasm small).
impl<'a> SeqAcc<'a, '_, '_> {
    /// Moves to the next item: extends the path with `[i]` and records the item's position.
    /// Returns the item and the path length to restore afterwards.
    #[inline(never)]
    fn enter(&mut self) -> Option<(&'a Node, usize)> {
        let item = self.items.get(self.idx)?;
        let len = self.ctx.path.len();
        self.ctx.path.push('[');
        self.ctx.path.push_str(&self.idx.to_string());
        self.ctx.path.push(']');
        self.idx += 1;
        self.ctx.source.insert(self.ctx.path.clone(), item.span);
        self.ctx.verbatim = None;
        self.ctx.prune = self.elem;
        Some((item, len))
    }

    /// Undoes [`SeqAcc::enter`] after `item` failed with `e`; returns the error to report.
    #[cold]
    #[inline(never)]
    fn leave_err(&mut self, e: DeError, item: &Node, len: usize) -> DeError {
        let e = fix_untagged(e, item, self.ctx);
        self.ctx.path.truncate(len);
        e
    }
}

impl<'a> de::SeqAccess<'a> for SeqAcc<'a, '_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some((item, len)) = self.enter() else {
            return Ok(None);
        };
        match seed.deserialize(De {
            node: item,
            null: self.null,
            ctx: self.ctx,
        }) {
            Ok(v) => {
                self.ctx.path.truncate(len);
                Ok(Some(v))
            }
            Err(e) => Err(self.leave_err(e, item, len)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.idx)
    }
}

struct MapAcc<'a, 'c, 'f, 's> {
    entries: &'a [(Node, Node)],
    idx: usize,
    missing: Vec<&'static str>,
    missing_idx: usize,
    /// The entry whose key was just handed out: key text, key node, value node.
    current: Option<(std::borrow::Cow<'a, str>, &'a Node, &'a Node)>,
    mode: MapMode<'s>,
    /// The upstream type of the current entry's value, when it is one of a catch-all's.
    value_schema: Option<u8>,
    /// For a verbatim object: its upstream type (see [`Ctx::prune`]); and its current entry's.
    prune: Option<u8>,
    value_prune: Option<u8>,
    null: &'a Node,
    ctx: &'c mut Ctx<'f>,
}

/// Levenshtein distance, case-insensitive.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known field closest to `key`, if close enough to be a likely typo.
pub fn closest_field<'x>(key: &str, fields: &[&'x str]) -> Option<&'x str> {
    let max = (key.chars().count() / 3).clamp(1, 3);
    fields
        .iter()
        .map(|f| (distance(key, f), *f))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f)
}

/// What [`MapAcc::enter_value`] changed in the context, for [`MapAcc::leave_value`] to undo.
enum Saved {
    /// A missing field: the whole path, taken while its zero value is decoded.
    Missing(String),
    /// A written entry: the path length, and the Go struct name replaced (struct mode only).
    Entry {
        len: usize,
        go_struct: Option<Option<String>>,
    },
}

impl<'a> MapAcc<'a, '_, '_, '_> {
    /// Moves to the next key: an entry of the mapping (warned about when a struct does not know
    /// it) or, once those are done, a field the mapping does not write. The key is then
    /// `self.current`'s (entry, `Some(key span)`) or the last missing field's (`None`).
    #[inline(never)]
    fn step_key(&mut self) -> Option<Option<Span>> {
        self.value_schema = None;
        self.value_prune = None;
        while let Some((k, v)) = self.entries.get(self.idx) {
            self.idx += 1;
            let key = key_cow(k);
            match self.mode {
                MapMode::Struct {
                    fields: Some(fields),
                    ..
                } if !fields.contains(&&*key) => warn_unknown(self.ctx, &key, k.span, fields),
                MapMode::Struct {
                    fields: None,
                    schema: Some(ty),
                    ..
                } => match schema::field(ty, &key) {
                    Some((_, field_ty)) => self.value_schema = Some(field_ty),
                    None => {
                        // Warned about, then dropped as `encoding/json` drops it.
                        warn_unknown_schema(self.ctx, &key, k.span, ty);
                        continue;
                    }
                },
                MapMode::Object => match self.prune.map(|ty| schema::get(ty).shape()) {
                    Some(Shape::Struct(..)) => {
                        let ty = self.prune.unwrap_or_default();
                        match schema::field(ty, &key) {
                            Some((_, field_ty)) => self.value_prune = Some(field_ty),
                            // Warned about by `check_verbatim`.
                            None => continue,
                        }
                    }
                    Some(Shape::Map(elem)) => self.value_prune = Some(elem),
                    _ => {}
                },
                _ => {}
            }
            self.current = Some((key, k, v));
            return Some(Some(k.span));
        }
        if self.missing_idx < self.missing.len() {
            self.missing_idx += 1;
            self.current = None;
            return Some(None);
        }
        None
    }

    /// Sets the context up for the value of the key just handed out and returns its node.
    #[inline(never)]
    fn enter_value(&mut self) -> (&'a Node, Saved) {
        self.ctx.verbatim = self.value_schema;
        self.ctx.prune = self.value_prune;
        let Some((key, k, v)) = self.current.take() else {
            // A field that was not written: Go leaves it at its zero value.
            return (
                self.null,
                Saved::Missing(std::mem::take(&mut self.ctx.path)),
            );
        };
        let len = self.ctx.path.len();
        let path = child_path(&self.ctx.path, &key, self.mode);
        self.ctx.path = path;
        let scalar_value = v.scalar().is_some() && !v.is_null();
        self.ctx.source.insert(
            self.ctx.path.clone(),
            if scalar_value { v.span } else { k.span },
        );
        let go_struct = match self.mode {
            MapMode::Struct { go_name, .. } => {
                self.ctx.go_fields.push(key.into_owned());
                Some(self.ctx.go_struct.replace(go_name.to_string()))
            }
            _ => None,
        };
        (v, Saved::Entry { len, go_struct })
    }

    /// Undoes [`MapAcc::enter_value`].
    #[inline(never)]
    fn leave_value(&mut self, saved: Saved) {
        match saved {
            Saved::Missing(path) => self.ctx.path = path,
            Saved::Entry { len, go_struct } => {
                if let Some(old) = go_struct {
                    self.ctx.go_fields.pop();
                    self.ctx.go_struct = old;
                }
                self.ctx.path.truncate(len);
            }
        }
    }
}

impl MapAcc<'_, '_, '_, '_> {
    /// Undoes [`MapAcc::enter_value`] after the value `node` failed with `e`; returns the error
    /// to report.
    #[cold]
    #[inline(never)]
    fn leave_err(&mut self, e: DeError, node: &Node, saved: Saved) -> DeError {
        let e = match saved {
            // A field that was not written keeps its zero value; errors are left as they are.
            Saved::Missing(_) => e,
            Saved::Entry { .. } => fix_untagged(e, node, self.ctx),
        };
        self.leave_value(saved);
        e
    }
}

/// `e` placed at `span` when there is one.
fn at_opt(e: DeError, span: Option<Span>) -> DeError {
    match span {
        Some(span) => e.at(span),
        None => e,
    }
}

impl<'a> de::MapAccess<'a> for MapAcc<'a, '_, '_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(span) = self.step_key() else {
            return Ok(None);
        };
        let key = match &self.current {
            Some((key, ..)) => key,
            None => self.missing[self.missing_idx - 1],
        };
        seed.deserialize(de::value::StrDeserializer::<DeError>::new(key))
            .map(Some)
            .map_err(|e| at_opt(e, span))
    }

    fn next_value_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        let (node, saved) = self.enter_value();
        match seed.deserialize(De {
            node,
            null: self.null,
            ctx: self.ctx,
        }) {
            Ok(v) => {
                self.leave_value(saved);
                Ok(v)
            }
            Err(e) => Err(self.leave_err(e, node, saved)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() - self.idx + self.missing.len() - self.missing_idx)
    }
}

/// Warns that `key` (written at `span`) is not a field of the struct at the current path, with
/// the closest of its `fields` as a hint.
#[cold]
#[inline(never)]
fn warn_unknown(ctx: &mut Ctx<'_>, key: &str, span: Span, fields: &[&str]) {
    let path = child_path(&ctx.path, key, MapMode::Object);
    let mut w = Diagnostic::warning(ctx.file, Some(span), format!("unknown field {path:?}"));
    if let Some(f) = closest_field(key, fields) {
        w.hint = Some(format!(
            "did you mean {:?}?",
            child_path(&ctx.path, f, MapMode::Object)
        ));
    }
    ctx.warnings.push(w);
}

/// [`warn_unknown`] for a field of the upstream struct type `ty`.
#[cold]
#[inline(never)]
fn warn_unknown_schema(ctx: &mut Ctx<'_>, key: &str, span: Span, ty: u8) {
    let fields: Vec<&str> = schema::field_names(ty).collect();
    warn_unknown(ctx, key, span, &fields);
}

/// Checks `node`, a value a catch-all keeps verbatim whose upstream Go type is `ty`, as
/// `encoding/json` decodes it into that type: an unknown struct field is a warning and a JSON
/// value of the wrong type the `UnmarshalTypeError` a typed field gives (innermost Go struct,
/// full field path, the Go type as `reflect` prints it); null is always the zero value.
/// `ctx`'s path and Go field context are `node`'s own. Only `node`'s subtree is walked.
#[inline(never)]
fn check_verbatim(node: &Node, ty: u8, ctx: &mut Ctx<'_>) -> Result<(), DeError> {
    check_node(node, ty, ctx, &mut Vec::new(), None)
}

/// [`check_verbatim`]'s walk: `inner` holds the Go struct fields entered below the catch-all,
/// `go_struct` the innermost struct entered (`None`: still `ctx`'s).
fn check_node(
    node: &Node,
    ty: u8,
    ctx: &mut Ctx<'_>,
    inner: &mut Vec<&'static str>,
    go_struct: Option<&'static str>,
) -> Result<(), DeError> {
    let len = ctx.path.len();
    let t = schema::get(ty);
    match (&node.value, t.shape()) {
        (Value::Map(entries), Shape::Struct(..)) => entries.iter().try_for_each(|(k, v)| {
            let key = key_cow(k);
            let Some((field, field_ty)) = schema::field(ty, &key) else {
                warn_unknown_schema(ctx, &key, k.span, ty);
                return Ok(());
            };
            if len > 0 {
                ctx.path.push('.');
            }
            ctx.path.push_str(field);
            inner.push(field);
            let r = check_node(v, field_ty, ctx, inner, Some(t.name()));
            inner.pop();
            ctx.path.truncate(len);
            r
        }),
        (Value::Seq(items), Shape::Slice(elem)) => {
            items.iter().enumerate().try_for_each(|(i, item)| {
                ctx.path.push('[');
                ctx.path.push_str(&i.to_string());
                ctx.path.push(']');
                let r = check_node(item, elem, ctx, inner, go_struct);
                ctx.path.truncate(len);
                r
            })
        }
        (Value::Map(entries), Shape::Map(elem)) => entries.iter().try_for_each(|(k, v)| {
            ctx.path.push('[');
            ctx.path.push_str(&key_cow(k));
            ctx.path.push(']');
            let r = check_node(v, elem, ctx, inner, go_struct);
            ctx.path.truncate(len);
            r
        }),
        _ if node.is_null() => Ok(()),
        _ => match check_leaf(&De::new(node, node, ctx), ty) {
            Ok(()) => Ok(()),
            Err(_) => Err(verbatim_error(node, ty, ctx, inner, go_struct)),
        },
    }
}

/// Whether `de`'s node (not null, and not a struct, slice or map of the matching JSON kind)
/// decodes as upstream type `ty`; the error is built in the context `de` has.
fn check_leaf(de: &De<'_, '_, '_>, ty: u8) -> Result<(), DeError> {
    let t = schema::get(ty);
    match t.shape() {
        Shape::Str => de.str_value_of(t.name()).map(drop),
        Shape::Int32 => de
            .integer("int32", i32::MIN.into(), i32::MAX.into())
            .map(drop),
        Shape::Int64 => de
            .integer("int64", i64::MIN.into(), i64::MAX.into())
            .map(drop),
        Shape::Bool => de.bool_value().map(drop),
        Shape::IntOrString => de.int_or_string(),
        Shape::Unchecked => Ok(()),
        Shape::Struct(..) | Shape::Slice(_) | Shape::Map(_) => {
            Err(de.mismatch(json_kind(de.node)?, &schema::go_name(ty)))
        }
    }
}

/// The error of [`check_leaf`] for `node`, in the Go field context `encoding/json` has there.
#[cold]
#[inline(never)]
fn verbatim_error(
    node: &Node,
    ty: u8,
    ctx: &mut Ctx<'_>,
    inner: &[&'static str],
    go_struct: Option<&'static str>,
) -> DeError {
    let fields = ctx.go_fields.len();
    ctx.go_fields.extend(inner.iter().map(|f| f.to_string()));
    let saved = go_struct.map(|s| ctx.go_struct.replace(s.to_string()));
    let e = check_leaf(&De::new(node, node, ctx), ty);
    ctx.go_fields.truncate(fields);
    if let Some(old) = saved {
        ctx.go_struct = old;
    }
    e.err()
        .unwrap_or_else(|| DeError::new("json: internal error".to_string()).at(node.span))
}

fn child_path(parent: &str, key: &str, mode: MapMode<'_>) -> String {
    let (sep, end) = match mode {
        MapMode::Map => ("[", "]"),
        _ if parent.is_empty() => return key.to_string(),
        _ => (".", ""),
    };
    let mut s = String::with_capacity(parent.len() + sep.len() + key.len() + end.len());
    s.push_str(parent);
    s.push_str(sep);
    s.push_str(key);
    s.push_str(end);
    s
}

/// A deserializer that only records which Go type its caller wants, then fails.
struct Probe<'p, 'c, 'f> {
    out: &'p mut String,
    ctx: &'c Ctx<'f>,
}

#[derive(Debug)]
struct Probed;

impl fmt::Display for Probed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("probe")
    }
}

impl std::error::Error for Probed {}

impl de::Error for Probed {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Probed
    }
}

macro_rules! probe_prim {
    ($($method:ident => $go:literal),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Probed> {
                self.out.push_str($go);
                Err(Probed)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for Probe<'_, '_, '_> {
    type Error = Probed;

    probe_prim! {
        deserialize_any => "interface {}",
        deserialize_bool => "bool",
        deserialize_i8 => "int8",
        deserialize_i16 => "int16",
        deserialize_i32 => "int32",
        deserialize_i64 => "int64",
        deserialize_u8 => "uint8",
        deserialize_u16 => "uint16",
        deserialize_u32 => "uint32",
        deserialize_u64 => "uint64",
        deserialize_f32 => "float32",
        deserialize_f64 => "float64",
        deserialize_char => "string",
        deserialize_str => "string",
        deserialize_string => "string",
        deserialize_bytes => "[]byte",
        deserialize_byte_buf => "[]byte",
        deserialize_unit => "struct {}",
        deserialize_identifier => "string",
        deserialize_ignored_any => "interface {}",
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Probed> {
        self.out.push('*');
        visitor.visit_some(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _visitor: V,
    ) -> Result<V::Value, Probed> {
        self.out.push_str(&self.ctx.go_struct_name(name));
        Err(Probed)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Probed> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Probed> {
        self.out.push_str("[]");
        visitor.visit_seq(ProbeSeq { probe: Some(self) })
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Probed> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Probed> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Probed> {
        match expecting(&visitor).strip_prefix("struct ") {
            Some(name) => {
                self.out.push_str(&self.ctx.go_struct_name(name));
                Err(Probed)
            }
            None => {
                self.out.push_str("map[string]");
                visitor.visit_map(ProbeMap {
                    probe: Some(self),
                    key_done: false,
                })
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Probed> {
        self.out.push_str(&self.ctx.go_struct_name(name));
        Err(Probed)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Probed> {
        self.out.push_str(name);
        Err(Probed)
    }
}

struct ProbeSeq<'p, 'c, 'f> {
    probe: Option<Probe<'p, 'c, 'f>>,
}

impl<'de> de::SeqAccess<'de> for ProbeSeq<'_, '_, '_> {
    type Error = Probed;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Probed> {
        match self.probe.take() {
            Some(p) => seed.deserialize(p).map(Some),
            None => Err(Probed),
        }
    }
}

struct ProbeMap<'p, 'c, 'f> {
    probe: Option<Probe<'p, 'c, 'f>>,
    key_done: bool,
}

impl<'de> de::MapAccess<'de> for ProbeMap<'_, '_, '_> {
    type Error = Probed;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Probed> {
        if self.key_done {
            return Err(Probed);
        }
        self.key_done = true;
        seed.deserialize(de::value::StrDeserializer::<Probed>::new("k"))
            .map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Probed> {
        match self.probe.take() {
            Some(p) => seed.deserialize(p),
            None => Err(Probed),
        }
    }
}
