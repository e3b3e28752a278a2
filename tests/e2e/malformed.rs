//! Malformed input at the IPC boundary, through the real app in the real window:
//! every command the interface can call is invoked by `window.__TAURI_INTERNALS__`
//! with payloads a page could send but the interface never does (a field missing,
//! a value of the wrong type, a 10 MB string, `NaN`, `1e400`, `-1`, `2**63`, a
//! fractional id, an unknown enum value), each with its own time limit. Each must be
//! refused: never accepted, never a panic, never left unanswered, and the app must
//! still be running, with its record still opening, at the end.
//!
//! The commands and their argument shapes are read from `ui/src/bindings.ts`, which
//! `./x bindings` generates from the Rust commands: a new command is covered as soon
//! as it is registered, with payloads built from its argument types.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use canon_desk_tests::{click, desktop, Driver, TestResult};
use serde_json::{json, Value};

/// How long one call may take before it counts as hung.
const CALL_LIMIT: Duration = Duration::from_secs(10);

/// Commands that are not called here, and why. Everything else in the bindings is.
const NOT_CALLED: &[(&str, &str)] = &[(
    "backup_restore",
    "opens the system's file dialog, which would wait for a person; the restore reader \
     it feeds is fuzzed in canon-desk-store (backup_fuzz)",
)];

/// A type as the generated bindings write it.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Str,
    Num,
    Bool,
    Null,
    /// A string literal: one value of an enum.
    Lit(String),
    /// A named type, declared elsewhere in the bindings.
    Ref(String),
    Arr(Box<Ty>),
    /// Fields: name, optional (`?:`), type.
    Obj(Vec<(String, bool, Ty)>),
    Union(Vec<Ty>),
    /// Something only the shell builds (a `Channel`).
    Opaque(String),
}

/// One command of the bindings: its IPC name and its arguments, in order.
#[derive(Debug)]
struct Command {
    name: String,
    args: Vec<(String, Ty)>,
}

/// The bindings: commands and the types they name.
struct Bindings {
    commands: Vec<Command>,
    types: BTreeMap<String, Ty>,
}

fn strip_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start..].find("*/") {
            Some(end) => rest = &rest[start + end + 2..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn tokens(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += 1;
            }
            out.push(chars[i..=j.min(chars.len() - 1)].iter().collect());
            i = j + 1;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_alphanumeric() || chars[j] == '_' || chars[j] == '$')
            {
                j += 1;
            }
            out.push(chars[i..j].iter().collect());
            i = j;
        } else if c == '[' && chars.get(i + 1) == Some(&']') {
            out.push("[]".into());
            i += 2;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// A recursive-descent reader of the few type forms tauri-specta writes.
struct Parser<'a> {
    toks: &'a [String],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.at).map(String::as_str)
    }

    fn next(&mut self) -> Result<String, String> {
        let t = self
            .toks
            .get(self.at)
            .cloned()
            .ok_or("the bindings end in the middle of a type")?;
        self.at += 1;
        Ok(t)
    }

    fn expect(&mut self, want: &str) -> Result<(), String> {
        let got = self.next()?;
        if got == want {
            Ok(())
        } else {
            Err(format!("expected {want:?} in the bindings, read {got:?}"))
        }
    }

    fn union(&mut self) -> Result<Ty, String> {
        if self.peek() == Some("|") {
            self.at += 1;
        }
        let mut parts = vec![self.primary()?];
        while self.peek() == Some("|") {
            self.at += 1;
            parts.push(self.primary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Ty::Union(parts)
        })
    }

    fn primary(&mut self) -> Result<Ty, String> {
        let t = self.next()?;
        let mut ty = if t == "{" {
            let mut fields = Vec::new();
            while self.peek() != Some("}") {
                let name = self.next()?;
                let optional = self.peek() == Some("?");
                if optional {
                    self.at += 1;
                }
                self.expect(":")?;
                let ty = self.union()?;
                fields.push((name, optional, ty));
                if matches!(self.peek(), Some(",") | Some(";")) {
                    self.at += 1;
                }
            }
            self.expect("}")?;
            Ty::Obj(fields)
        } else if t == "(" {
            let inner = self.union()?;
            self.expect(")")?;
            inner
        } else if let Some(lit) = t.strip_prefix('"') {
            Ty::Lit(lit.trim_end_matches('"').to_owned())
        } else {
            match t.as_str() {
                "string" => Ty::Str,
                "number" => Ty::Num,
                "boolean" => Ty::Bool,
                "null" => Ty::Null,
                "Channel" => {
                    self.expect("<")?;
                    let inner = self.union()?;
                    self.expect(">")?;
                    Ty::Opaque(format!("Channel<{inner:?}>"))
                }
                other if other.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                    Ty::Ref(other.to_owned())
                }
                other => return Err(format!("a type form this reader does not know: {other:?}")),
            }
        };
        while self.peek() == Some("[]") {
            self.at += 1;
            ty = Ty::Arr(Box::new(ty));
        }
        Ok(ty)
    }
}

impl Bindings {
    fn read() -> TestResult<Bindings> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let source = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Ok(Bindings::parse(&source)?)
    }

    fn parse(source: &str) -> Result<Bindings, String> {
        let source = strip_comments(source);
        let commands_start = source
            .find("export const commands = {")
            .ok_or("no `export const commands` in the bindings")?;
        let types_start = source
            .find("export type ")
            .ok_or("no `export type` in the bindings")?;
        let mut commands = Vec::new();
        for line in source[commands_start..types_start].lines() {
            let line = line.trim();
            let Some(open) = line.find(": (") else {
                continue;
            };
            let Some(close) = line.find(") =>") else {
                continue;
            };
            let Some(invoke) = line.find("__TAURI_INVOKE") else {
                continue;
            };
            let after = &line[invoke..];
            let name = after
                .split('"')
                .nth(1)
                .ok_or_else(|| format!("no command name in {line:?}"))?
                .to_owned();
            let params = &line[open + 3..close];
            let toks = tokens(params);
            let mut p = Parser { toks: &toks, at: 0 };
            let mut args = Vec::new();
            while p.peek().is_some() {
                let arg = p.next()?;
                p.expect(":")?;
                let ty = p.union()?;
                args.push((arg, ty));
                if p.peek() == Some(",") {
                    p.at += 1;
                }
            }
            commands.push(Command { name, args });
        }
        let mut types = BTreeMap::new();
        let decls = &source[types_start..];
        let end = decls.find("async function").unwrap_or(decls.len());
        for decl in decls[..end].split("export type ").skip(1) {
            let toks = tokens(decl);
            let mut p = Parser { toks: &toks, at: 0 };
            let name = p.next()?;
            p.expect("=")?;
            let ty = p.union()?;
            types.insert(name, ty);
        }
        Ok(Bindings { commands, types })
    }

    fn resolve<'a>(&'a self, ty: &'a Ty) -> &'a Ty {
        match ty {
            Ty::Ref(name) => self.types.get(name).map_or(ty, |t| self.resolve(t)),
            other => other,
        }
    }
}

/// A JavaScript expression: JSON, or source text the page evaluates (`NaN`, a 10 MB
/// string built where it is sent rather than carried through WebDriver).
#[derive(Debug, Clone)]
enum Js {
    Json(Value),
    Raw(&'static str),
    Obj(Vec<(String, Js)>),
    Arr(Vec<Js>),
}

impl Js {
    fn source(&self) -> String {
        match self {
            Js::Json(v) => v.to_string(),
            Js::Raw(s) => (*s).to_owned(),
            Js::Obj(fields) => {
                let inner: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("{}: {}", Value::from(k.as_str()), v.source()))
                    .collect();
                format!("{{{}}}", inner.join(", "))
            }
            Js::Arr(items) => {
                let inner: Vec<String> = items.iter().map(Js::source).collect();
                format!("[{}]", inner.join(", "))
            }
        }
    }
}

const HUGE: &str = "'x'.repeat(10 * 1024 * 1024)";
/// 10 MB that are not base64: 10 MB of valid base64 is a 7.5 MB file, which the app
/// takes (uploads go up to 50 MB).
const HUGE_NOT_BASE64: &str = "'!'.repeat(10 * 1024 * 1024)";

/// A value of `ty` such as the interface sends, so that a payload with one thing wrong
/// reaches the check of that one thing rather than failing on another. `name` is the
/// field's name, which says what a string holds (a date, an email address, a zone).
fn sample(b: &Bindings, name: &str, ty: &Ty) -> Value {
    let lower = name.to_ascii_lowercase();
    match b.resolve(ty) {
        Ty::Str => json!(sample_text(&lower)),
        Ty::Num => json!(1),
        Ty::Bool => json!(false),
        Ty::Null => Value::Null,
        Ty::Lit(l) => json!(l),
        Ty::Arr(inner) => json!([sample(b, name, inner)]),
        Ty::Obj(fields) => Value::Object(
            fields
                .iter()
                .filter(|(_, optional, _)| !optional)
                .map(|(k, _, t)| (k.clone(), sample(b, k, t)))
                .collect(),
        ),
        Ty::Union(parts) => {
            if parts.contains(&Ty::Null) {
                Value::Null
            } else {
                sample(b, name, &parts[0])
            }
        }
        Ty::Ref(_) | Ty::Opaque(_) => Value::Null,
    }
}

fn sample_text(name: &str) -> &'static str {
    if name.ends_with("on")
        || name.contains("date")
        || name.ends_with("from")
        || name.ends_with("to")
    {
        "2026-06-15"
    } else if name.contains("email") || name.contains("login") || name == "from" {
        "desk@atelier.example"
    } else if name.contains("zone") {
        "Europe/Paris"
    } else if name.contains("url") || name.contains("href") {
        "http://127.0.0.1:9/"
    } else if name.contains("base64") {
        "JVBERi0xLjQK"
    } else if name == "name" {
        "kbis.pdf"
    } else if name.contains("iban") {
        "FR7630006000011234567890189"
    } else if name.contains("bic") {
        "BNPAFRPPXXX"
    } else if name.contains("country") {
        "FR"
    } else if name.contains("siren") {
        "732829320"
    } else if name.contains("siret") {
        "73282932000074"
    } else if name == "data" {
        "serial,model,kind\nMAL0001,iR C3826i,mfp\n"
    } else if name == "entity" {
        "device"
    } else {
        "Atelier"
    }
}

/// A path into a payload: the argument, then fields and array items.
type PathParts = Vec<String>;

/// Values that are wrong for `ty` whatever the rest of the payload, each with a label.
/// `nullable`: `null` (and what serialises to it: `NaN`, `1e400`) would be a valid value.
fn wrong_values(b: &Bindings, name: &str, ty: &Ty, nullable: bool) -> Vec<(String, Js)> {
    let mut out: Vec<(String, Js)> = Vec::new();
    let lower = name.to_ascii_lowercase();
    let is_id = lower == "id" || lower.ends_with("id") || lower.ends_with("ids");
    let mut push = |label: &str, js: Js| out.push((label.to_owned(), js));
    match b.resolve(ty) {
        Ty::Str => {
            push("a number for a string", Js::Json(json!(12345)));
            if lower.contains("base64") {
                push("10 MB of text that is not base64", Js::Raw(HUGE_NOT_BASE64));
            } else {
                push("a 10 MB string", Js::Raw(HUGE));
            }
            push("an object for a string", Js::Json(json!({ "x": 1 })));
            if !nullable {
                push("null for a string", Js::Json(Value::Null));
            }
        }
        Ty::Num => {
            push("a string for a number", Js::Json(json!("1")));
            push("-1", Js::Raw("-1"));
            push("2**63", Js::Raw("2 ** 63"));
            if is_id {
                push("a fractional id", Js::Raw("1.5"));
                push("-2**53", Js::Raw("-(2 ** 53)"));
            }
            if !nullable {
                push("NaN", Js::Raw("NaN"));
                push("1e400", Js::Raw("1e400"));
            }
        }
        Ty::Bool => {
            push("a string for a boolean", Js::Json(json!("true")));
            push("a number for a boolean", Js::Json(json!(1)));
            if !nullable {
                push("null for a boolean", Js::Json(Value::Null));
            }
        }
        Ty::Lit(_) => {
            push("an unknown enum value", Js::Json(json!("no_such_value")));
            push("a number for an enum", Js::Json(json!(3)));
            if !nullable {
                push("null for an enum", Js::Json(Value::Null));
            }
        }
        Ty::Arr(_) => {
            push("a string for a list", Js::Json(json!("x")));
            push("an object for a list", Js::Json(json!({ "0": 1 })));
            if !nullable {
                push("null for a list", Js::Json(Value::Null));
            }
        }
        Ty::Obj(_) => {
            push("a string for an object", Js::Json(json!("x")));
            push("a list for an object", Js::Json(json!([1, 2])));
            if !nullable {
                push("null for an object", Js::Json(Value::Null));
            }
        }
        Ty::Union(parts) => {
            let nullable = nullable || parts.contains(&Ty::Null);
            let non_null: Vec<&Ty> = parts.iter().filter(|p| **p != Ty::Null).collect();
            if non_null.iter().all(|p| matches!(b.resolve(p), Ty::Lit(_))) {
                return wrong_values(b, name, &Ty::Lit(String::new()), nullable);
            }
            if non_null.len() == 1 {
                return wrong_values(b, name, non_null[0], nullable);
            }
            push("a string for a tagged value", Js::Json(json!("x")));
            push(
                "an unknown tag",
                Js::Json(json!({ "type": "no_such_value" })),
            );
            if !nullable {
                push("null for a tagged value", Js::Json(Value::Null));
            }
        }
        Ty::Null | Ty::Ref(_) | Ty::Opaque(_) => {}
    }
    out
}

/// Every malformed variant of `value` (of type `ty`, at `path`): the value itself
/// replaced by each wrong value, then each field and item inside it in turn.
fn mutations(
    b: &Bindings,
    name: &str,
    ty: &Ty,
    nullable: bool,
    path: &PathParts,
    out: &mut Vec<(PathParts, String, Option<Js>)>,
) {
    for (label, js) in wrong_values(b, name, ty, nullable) {
        out.push((path.clone(), label, Some(js)));
    }
    match b.resolve(ty) {
        Ty::Obj(fields) => {
            for (field, optional, fty) in fields {
                let mut inner = path.clone();
                inner.push(field.clone());
                let field_nullable =
                    *optional || matches!(b.resolve(fty), Ty::Union(p) if p.contains(&Ty::Null));
                if !field_nullable {
                    out.push((inner.clone(), "missing".to_owned(), None));
                }
                mutations(b, field, fty, *optional, &inner, out);
            }
        }
        Ty::Arr(item) => {
            let mut inner = path.clone();
            inner.push("0".into());
            mutations(b, name, item, false, &inner, out);
        }
        Ty::Union(parts) => {
            let non_null: Vec<&Ty> = parts.iter().filter(|p| **p != Ty::Null).collect();
            if non_null.len() == 1 {
                // `T | null`: the wrong values were pushed above; now inside T.
                if let Ty::Obj(_) | Ty::Arr(_) = b.resolve(non_null[0]) {
                    let mut sub = Vec::new();
                    mutations(b, name, non_null[0], true, path, &mut sub);
                    // The top-level wrong values of T were already pushed for the union.
                    let own = wrong_values(b, name, non_null[0], true).len();
                    out.extend(sub.into_iter().skip(own));
                }
            } else {
                // A tagged union: each variant's fields, on that variant.
                for variant in non_null.iter().take(1) {
                    if let Ty::Obj(fields) = b.resolve(variant) {
                        for (field, optional, fty) in fields {
                            if field == "type" || *optional {
                                continue;
                            }
                            let mut inner = path.clone();
                            inner.push(field.clone());
                            out.push((inner.clone(), "missing".to_owned(), None));
                            mutations(b, field, fty, false, &inner, out);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// The baseline `value` with the thing at `path` replaced (or removed when `with` is
/// `None`), as JavaScript source. A `null` on the way (an optional object left out of
/// the baseline) is filled with a sample of its type first.
fn with_change(b: &Bindings, value: &Value, ty: &Ty, path: &[String], with: &Option<Js>) -> Js {
    let Some((head, rest)) = path.split_first() else {
        return with.clone().unwrap_or(Js::Json(Value::Null));
    };
    let ty = strip_null(b, ty);
    let value = if value.is_null() {
        sample(b, head, ty)
    } else {
        value.clone()
    };
    match (b.resolve(ty), &value) {
        (Ty::Arr(item), Value::Array(items)) => {
            let first = items.first().cloned().unwrap_or(Value::Null);
            let first = if first.is_null() {
                sample(b, head, item)
            } else {
                first
            };
            Js::Arr(vec![with_change(b, &first, item, rest, with)])
        }
        (resolved, Value::Object(map)) => {
            let fields: Vec<(String, bool, Ty)> = match resolved {
                Ty::Obj(f) => f.clone(),
                Ty::Union(parts) => parts
                    .iter()
                    .map(|p| b.resolve(p))
                    .find_map(|p| match p {
                        Ty::Obj(f) => Some(f.clone()),
                        _ => None,
                    })
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let mut out: Vec<(String, Js)> = Vec::new();
            let mut seen = false;
            for (k, v) in map {
                if k == head {
                    seen = true;
                    let fty = fields
                        .iter()
                        .find(|(n, _, _)| n == k)
                        .map_or(Ty::Null, |(_, _, t)| t.clone());
                    if rest.is_empty() && with.is_none() {
                        continue;
                    }
                    out.push((k.clone(), with_change(b, v, &fty, rest, with)));
                } else {
                    out.push((k.clone(), Js::Json(v.clone())));
                }
            }
            if !seen {
                // An optional field left out of the baseline.
                if let Some((_, _, fty)) = fields.iter().find(|(n, _, _)| n == head) {
                    let v = sample(b, head, fty);
                    out.push((head.clone(), with_change(b, &v, fty, rest, with)));
                }
            }
            Js::Obj(out)
        }
        _ => Js::Json(value),
    }
}

fn strip_null<'a>(b: &'a Bindings, ty: &'a Ty) -> &'a Ty {
    match b.resolve(ty) {
        Ty::Union(parts) => {
            let non_null: Vec<&Ty> = parts.iter().filter(|p| **p != Ty::Null).collect();
            if non_null.len() == 1 {
                non_null[0]
            } else {
                b.resolve(ty)
            }
        }
        other => other,
    }
}

/// One call to make: the command, what is wrong with it, and the payload's source.
#[derive(Debug)]
struct Case {
    what: String,
    payload: String,
}

/// The malformed calls of one command, built from its argument shape.
fn cases_of(b: &Bindings, command: &Command) -> Vec<Case> {
    let args_ty = Ty::Obj(
        command
            .args
            .iter()
            .map(|(n, t)| (n.clone(), false, t.clone()))
            .collect(),
    );
    let baseline = sample(b, "", &args_ty);
    let mut found = Vec::new();
    mutations(b, "", &args_ty, false, &Vec::new(), &mut found);
    let mut cases: Vec<Case> = found
        .into_iter()
        // The payload itself must be an object for Tauri to read arguments from it.
        .filter(|(path, _, _)| !path.is_empty())
        .map(|(path, what, with)| Case {
            what: format!("{}: {what}", path.join(".")),
            payload: with_change(b, &baseline, &args_ty, &path, &with).source(),
        })
        .collect();
    cases.push(Case {
        what: "no arguments at all".into(),
        payload: "{}".into(),
    });
    cases
}

/// Every command to call, with its cases; and the commands left out, with the reason.
/// The commands called, each with its cases, and those left out, each with why.
type Plan = (Vec<(String, Vec<Case>)>, Vec<(String, String)>);

fn plan(b: &Bindings) -> Plan {
    let mut called = Vec::new();
    let mut left = Vec::new();
    for command in &b.commands {
        if let Some((_, why)) = NOT_CALLED.iter().find(|(n, _)| *n == command.name) {
            left.push((command.name.clone(), (*why).to_owned()));
        } else if command.args.is_empty() {
            left.push((
                command.name.clone(),
                "takes no arguments: no payload can be malformed".to_owned(),
            ));
        } else {
            called.push((command.name.clone(), cases_of(b, command)));
        }
    }
    (called, left)
}

/// The commands the app registers, as `src-tauri/build.rs` declares them.
fn declared_commands() -> TestResult<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/build.rs");
    let source = std::fs::read_to_string(&path)?;
    let start = source
        .find("let commands = &[")
        .ok_or("no command list in src-tauri/build.rs")?;
    let end = start
        + source[start..]
            .find("];")
            .ok_or("unterminated command list")?;
    Ok(source[start..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect())
}

#[test]
fn every_declared_command_has_malformed_payloads_or_a_reason() -> TestResult {
    let b = Bindings::read()?;
    let declared = declared_commands()?;
    let in_bindings: Vec<&str> = b.commands.iter().map(|c| c.name.as_str()).collect();
    let mut missing: Vec<&String> = declared
        .iter()
        .filter(|d| !in_bindings.contains(&d.as_str()))
        .collect();
    missing.sort();
    assert!(
        missing.is_empty(),
        "commands declared in build.rs but absent from the bindings (run ./x bindings): {missing:?}"
    );
    assert!(
        b.commands.len() >= declared.len(),
        "the bindings list {} commands, build.rs {}",
        b.commands.len(),
        declared.len()
    );
    for (name, _) in NOT_CALLED {
        assert!(
            in_bindings.contains(name),
            "{name} is listed as not called but is no command any more"
        );
    }
    let (called, _) = plan(&b);
    for (name, cases) in &called {
        let command = b
            .commands
            .iter()
            .find(|c| &c.name == name)
            .ok_or("a planned command vanished")?;
        // Each argument is at least left out and given a value of the wrong type.
        assert!(
            cases.len() > command.args.len() * 2,
            "{name}: only {} malformed payloads for {} arguments",
            cases.len(),
            command.args.len()
        );
    }
    // The reader must have understood the shapes: a known command's payloads.
    let device_update = called
        .iter()
        .find(|(n, _)| n == "device_update")
        .ok_or("device_update is not planned")?;
    let whats: Vec<&str> = device_update.1.iter().map(|c| c.what.as_str()).collect();
    for expected in [
        "id: -1",
        "id: a fractional id",
        "input.serial: a 10 MB string",
        "input.kind: an unknown enum value",
        "input.model: missing",
    ] {
        assert!(
            whats.contains(&expected),
            "device_update should be called with {expected:?}; its cases are {whats:?}"
        );
    }
    Ok(())
}

/// What one call came to, as the page reports it.
#[derive(Debug)]
struct Outcome {
    what: String,
    outcome: String,
    detail: String,
    ms: f64,
}

/// The codes of the app's typed errors, read from the bindings' `ErrorCode`, less
/// `internal`: a bug, or a panic caught by `shielded`, is not a refusal.
fn refusal_codes(b: &Bindings) -> TestResult<Vec<String>> {
    let Some(Ty::Union(codes)) = b.types.get("ErrorCode") else {
        return Err("the bindings have no ErrorCode union".into());
    };
    Ok(codes
        .iter()
        .filter_map(|c| match c {
            Ty::Lit(code) if code != "internal" => Some(code.clone()),
            _ => None,
        })
        .collect())
}

/// The page script: calls each case in turn, each raced against [`CALL_LIMIT`], and
/// reports every outcome.
fn script(cases: &[Case]) -> String {
    let list: Vec<String> = cases
        .iter()
        .map(|c| format!("[{}, () => ({})]", Value::from(c.what.as_str()), c.payload))
        .collect();
    format!(
        r#"const done = arguments[arguments.length - 1];
const command = arguments[0];
const cases = [{cases}];
const describe = (e) => {{
  if (e && typeof e === 'object') {{
    return {{ typed: typeof e.code === 'string' && typeof e.message === 'string', code: String(e.code), text: String(e.message).slice(0, 300) }};
  }}
  return {{ typed: false, code: '', text: String(e).slice(0, 300) }};
}};
(async () => {{
  const out = [];
  for (const [what, make] of cases) {{
    const started = performance.now();
    let result;
    try {{
      const call = window.__TAURI_INTERNALS__.invoke(command, make()).then(
        (v) => ({{ outcome: 'resolved', detail: String(JSON.stringify(v)).slice(0, 300) }}),
        (e) => ({{ outcome: 'rejected', detail: JSON.stringify(describe(e)) }}),
      );
      const limit = new Promise((r) => setTimeout(() => r({{ outcome: 'hung', detail: '' }}), {limit}));
      result = await Promise.race([call, limit]);
    }} catch (e) {{
      result = {{ outcome: 'threw', detail: String(e).slice(0, 300) }};
    }}
    out.push({{ what, outcome: result.outcome, detail: result.detail, ms: performance.now() - started }});
  }}
  done(out);
}})();"#,
        cases = list.join(",\n"),
        limit = CALL_LIMIT.as_millis(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the real app under Xvfb and tauri-driver: run ./x test"]
async fn every_command_refuses_malformed_payloads_without_panicking_or_hanging() -> TestResult {
    let b = Bindings::read()?;
    let (mut called, left) = plan(&b);
    let known_codes = refusal_codes(&b)?;
    // A developer chasing one command can name it (comma-separated names).
    if let Ok(only) = std::env::var("CANON_DESK_MALFORMED_ONLY") {
        called.retain(|(name, _)| only.split(',').any(|o| o == name));
    }
    let driver = Driver::start()?;
    let data = tempfile::tempdir()?;
    let client = driver.launch(data.path()).await?;
    // The demo's records exist, so an id of 1 names something and a payload with one
    // field wrong reaches the check of that field.
    click(&client, "[data-testid=demo-load]").await?;
    canon_desk_tests::find(&client, "[data-testid=nav-devices]").await?;
    let pid = desktop::app_pid(data.path())?;

    let started = Instant::now();
    let mut failures = Vec::new();
    let mut total = 0;
    for (command, cases) in &called {
        let budget = CALL_LIMIT * (cases.len() as u32 + 1);
        client
            .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
                Some(budget),
                None,
                None,
            ))
            .await?;
        let reply = client
            .execute_async(&script(cases), vec![json!(command)])
            .await
            .map_err(|e| format!("{command}: the page did not report its calls: {e}"))?;
        let outcomes: Vec<Outcome> = reply
            .as_array()
            .ok_or_else(|| format!("{command}: the page reported {reply:?}"))?
            .iter()
            .map(|o| Outcome {
                what: o["what"].as_str().unwrap_or_default().to_owned(),
                outcome: o["outcome"].as_str().unwrap_or_default().to_owned(),
                detail: o["detail"].as_str().unwrap_or_default().to_owned(),
                ms: o["ms"].as_f64().unwrap_or_default(),
            })
            .collect();
        assert_eq!(
            outcomes.len(),
            cases.len(),
            "{command}: every case must report an outcome"
        );
        total += outcomes.len();
        let slowest = outcomes
            .iter()
            .max_by(|a, b| a.ms.total_cmp(&b.ms))
            .map(|o| format!("{} {:.0} ms", o.what, o.ms))
            .unwrap_or_default();
        eprintln!(
            "{command}: {} calls, {:.1} s in all (slowest: {slowest})",
            outcomes.len(),
            outcomes.iter().map(|o| o.ms).sum::<f64>() / 1000.0
        );
        for o in outcomes {
            let wrong = match o.outcome.as_str() {
                "rejected" => {
                    let d: Value = serde_json::from_str(&o.detail)?;
                    let typed = d["typed"].as_bool().unwrap_or(false);
                    let code = d["code"].as_str().unwrap_or_default();
                    let text = d["text"].as_str().unwrap_or_default();
                    if typed && !known_codes.iter().any(|c| c == code) {
                        Some(format!("refused with code {code:?}: {text}"))
                    } else if !typed
                        && !text.contains("invalid args")
                        && !text.contains("invalid type")
                    {
                        Some(format!("refused with something other than the typed error or Tauri's argument check: {text}"))
                    } else {
                        None
                    }
                }
                // The CSV import's own way of saying no: a report listing the problems.
                "resolved" if o.detail.contains("\"errors\":[{") => None,
                "resolved" => Some(format!("accepted, answering {}", o.detail)),
                "hung" => Some(format!("no answer within {} s", CALL_LIMIT.as_secs())),
                other => Some(format!("{other}: {}", o.detail)),
            };
            if let Some(wrong) = wrong {
                failures.push(format!(
                    "{command} with {} ({:.0} ms): {wrong}",
                    o.what, o.ms
                ));
            }
        }
        assert!(
            desktop::is_running(pid),
            "the app stopped after the malformed calls of {command}"
        );
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{total} malformed calls to {} commands in {:.1} s; not called: {left:?}",
        called.len(),
        elapsed.as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} malformed calls were not refused as they should be:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(desktop::is_running(pid), "the app is no longer running");
    client.close().await?;

    // The record still opens, in the app as in the store.
    drop(canon_desk_store::Store::open(
        &data.path().join("canon-desk.db"),
    )?);
    let client = driver.launch(data.path()).await?;
    canon_desk_tests::find(&client, "[data-testid=nav-devices]").await?;
    client.close().await?;
    Ok(())
}
