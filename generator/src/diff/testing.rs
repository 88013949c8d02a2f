//! Test helpers: a small spec whose parts the rule tests replace, and diffing two of them.

use crate::diff::{Change, diff};
use crate::load::{self, Loaded};
use crate::model::Model;

/// A one-operation Alibaba spec. Each part is YAML at its natural indentation (the list items
/// of `parameters:` start at column 1 here; they are indented when assembled).
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub service: String,
    pub op: String,
    pub params: String,
    pub rules: String,
    pub response: String,
    pub errors: String,
    pub types: String,
    pub extra_ops: String,
    pub tencent: bool,
    pub roa: bool,
}

impl Spec {
    pub fn new() -> Spec {
        Spec {
            service: String::new(),
            op: String::new(),
            params: "- {name: Name, type: string, description: The name.}".into(),
            rules: String::new(),
            response: "- {name: RequestId, type: string, description: The request ID.}".into(),
            errors: "- {status: 400, code: Thing.NotFound, message: No thing.}".into(),
            types: String::new(),
            extra_ops: String::new(),
            tencent: false,
            roa: false,
        }
    }

    /// Extra keys of the service block.
    pub fn service(mut self, yaml: &str) -> Spec {
        self.service = yaml.into();
        self
    }

    /// Extra keys of the operation.
    pub fn op(mut self, yaml: &str) -> Spec {
        self.op = yaml.into();
        self
    }

    /// The parameter list.
    pub fn params(mut self, yaml: &str) -> Spec {
        self.params = yaml.into();
        self
    }

    /// A parameter after `Name`.
    pub fn param(self, yaml: &str) -> Spec {
        let params = format!("{}\n{yaml}", self.params);
        self.params(&params)
    }

    /// The rule list.
    pub fn rules(mut self, yaml: &str) -> Spec {
        self.rules = yaml.into();
        self
    }

    /// The response list.
    pub fn response(mut self, yaml: &str) -> Spec {
        self.response = yaml.into();
        self
    }

    /// The error list.
    pub fn errors(mut self, yaml: &str) -> Spec {
        self.errors = yaml.into();
        self
    }

    /// The `types:` list.
    pub fn types(mut self, yaml: &str) -> Spec {
        self.types = yaml.into();
        self
    }

    /// A Tencent API 3.0 service instead of an Alibaba RPC one.
    pub fn tencent(mut self) -> Spec {
        self.tencent = true;
        self
    }

    /// An Alibaba ROA service instead of an RPC one.
    pub fn roa(mut self) -> Spec {
        self.roa = true;
        self
    }

    /// More operations (full list items).
    pub fn ops(mut self, yaml: &str) -> Spec {
        self.extra_ops = yaml.into();
        self
    }

    pub fn yaml(&self) -> String {
        let mut out = String::from(if self.tencent {
            "service:\n  provider: tencent\n  product: demo\n  name: Demo\n  version: \"2024-01-01\"\n  protocol: tencent-api3\n  endpoints: {rule: central, host: demo.tencentcloudapi.com}\n"
        } else {
            "service:\n  provider: alibaba\n  product: demo\n  name: Demo\n  version: \"2024-01-01\"\n  protocol: alibaba-rpc\n  endpoints: {rule: regional, host: \"demo.{region}.aliyuncs.com\", regions: [cn-hangzhou]}\n"
        });
        if !self.service.contains("commonErrors") {
            out.push_str(
                "  commonErrors:\n    - {status: 400, code: Throttling.User, message: Slow down.}\n",
            );
        }
        if self.roa {
            out = out.replace("protocol: alibaba-rpc", "protocol: alibaba-roa");
        }
        out.push_str(&indent(&self.service, 2));
        if !self.types.is_empty() {
            out.push_str("types:\n");
            out.push_str(&indent(&self.types, 2));
        }
        out.push_str("operations:\n  - name: CreateThing\n    summary: Creates a thing.\n    source: [{url: \"https://example.com/doc\", language: en}]\n");
        out.push_str(&indent(&self.op, 4));
        for (key, part) in [
            ("parameters", &self.params),
            ("rules", &self.rules),
            ("response", &self.response),
            ("errors", &self.errors),
        ] {
            if !part.is_empty() {
                out.push_str(&format!("    {key}:\n"));
                out.push_str(&indent(part, 6));
            }
        }
        out.push_str(&indent(&self.extra_ops, 2));
        out
    }
}

/// The messages of the errors `check` reports for `spec` (which must load cleanly).
pub(crate) fn check_errors(spec: &Spec) -> Vec<String> {
    let mut loaded = Loaded::default();
    load::load_bytes("t.yaml", spec.yaml().as_bytes(), &mut loaded);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    crate::check::check(&loaded.specs)
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.message)
        .collect()
}

fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    let mut out = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str(&pad);
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The checked model of a spec text; panics with the rendered diagnostics on any error.
pub(crate) fn model_of(name: &str, yaml: &str) -> Model {
    let mut loaded = Loaded::default();
    load::load_bytes(name, yaml.as_bytes(), &mut loaded);
    let checked = crate::check::check(&loaded.specs);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(checked.diagnostics);
    assert!(
        !diagnostics.iter().any(|d| d.is_error()),
        "test spec {name} has errors:\n{}\n{yaml}",
        loaded.sources.render(&diagnostics)
    );
    checked.model
}

/// Every change between two specs.
pub(crate) fn changes(old: &Spec, new: &Spec) -> Vec<Change> {
    diff(
        &model_of("old.yaml", &old.yaml()),
        &model_of("new.yaml", &new.yaml()),
    )
}

/// The rule ids of every change between two specs, in report order.
pub(crate) fn ids(old: &Spec, new: &Spec) -> Vec<&'static str> {
    changes(old, new).into_iter().map(|c| c.id).collect()
}

#[test]
fn the_base_spec_checks_and_equals_itself() {
    assert!(changes(&Spec::new(), &Spec::new()).is_empty());
}
