//! Routes of ROA operations: the HTTP `method` and the `path` template, whose `{Name}`
//! segments are the request parameters with `in: path`. Operations of the other protocols are
//! all `POST /` and take neither key.

use super::Cx;
use crate::load::did_you_mean;
use crate::model::{self, Field, HttpMethod, WireLocation};
use crate::spec;

const CODE: &str = "invalid-route";

/// The names inside `{…}` in `path`, in order, or what is wrong with the template.
pub(crate) fn template_names(path: &str) -> Result<Vec<&str>, String> {
    if !path.starts_with('/') {
        return Err("a path starts with `/`".into());
    }
    if path.contains(['?', '#']) {
        return Err("a path has no query or fragment: query parameters are `in: query`".into());
    }
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err("a `}` closes no `{`".into());
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("a `{` is not closed".into());
        };
        let name = &after[..close];
        if name.is_empty() || name.contains(['{', '/']) {
            return Err(format!("`{{{name}}}` does not name a parameter"));
        }
        names.push(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

impl Cx<'_> {
    /// The checked method and path of operation `op` (`POST /` for protocols without
    /// routes), reporting what is missing, misplaced or inconsistent with the parameters.
    pub(super) fn route(
        &mut self,
        op: &spec::Operation,
        protocol: model::Protocol,
        parameters: &[Field],
    ) -> (HttpMethod, String) {
        let name = &op.name.value;
        if !protocol.has_routes() {
            for (key, at) in [
                ("method", op.method.as_ref().map(|m| m.at)),
                ("path", op.path.as_ref().map(|p| p.at)),
            ] {
                if let Some(at) = at {
                    let msg = format!(
                        "operation {name} has a `{key}`, but every {} operation is `POST /`",
                        protocol.title()
                    );
                    let d = self.err(CODE, at, msg);
                    d.label = "only ROA operations have one".into();
                    d.help = Some(format!("remove `{key}`"));
                }
            }
            return (HttpMethod::Post, "/".into());
        }
        let method = match &op.method {
            Some(m) => m.value,
            None => {
                let msg = format!("ROA operation {name} does not say its HTTP `method`");
                let d = self.err(CODE, op.name.at, msg);
                d.label = "no `method`".into();
                d.help = Some("add `method: GET` (or POST, PUT, DELETE, PATCH)".into());
                HttpMethod::Post
            }
        };
        let Some(path) = &op.path else {
            let msg = format!("ROA operation {name} does not say its `path`");
            let d = self.err(CODE, op.name.at, msg);
            d.label = "no `path`".into();
            d.help = Some("add `path: /clusters/{ClusterId}` (the page's request line)".into());
            return (method, "/".into());
        };
        let names = match template_names(&path.value) {
            Ok(names) => names,
            Err(why) => {
                let msg = format!("the path `{}` of operation {name} is malformed", path.value);
                let d = self.err(CODE, path.at, msg);
                d.label = why;
                return (method, path.value.clone());
            }
        };
        let in_path: Vec<&Field> = parameters
            .iter()
            .filter(|f| f.location == Some(WireLocation::Path))
            .collect();
        let mut seen: Vec<&str> = Vec::new();
        for segment in &names {
            if seen.contains(segment) {
                let msg = format!("`{{{segment}}}` appears twice in the path of operation {name}");
                self.err(CODE, path.at, msg).label = "named twice".into();
                continue;
            }
            seen.push(segment);
            if in_path.iter().any(|f| f.name == *segment) {
                continue;
            }
            let msg = if parameters.iter().any(|f| f.name == *segment) {
                format!(
                    "`{{{segment}}}` in the path of operation {name} names a parameter that is not `in: path`"
                )
            } else {
                format!(
                    "`{{{segment}}}` in the path of operation {name} names no request parameter"
                )
            };
            let d = self.err(CODE, path.at, msg);
            d.label = format!("`{{{segment}}}` is not filled");
            let candidates: Vec<String> = in_path.iter().map(|f| f.name.clone()).collect();
            d.help = Some(match did_you_mean(segment, &candidates) {
                Some(s) => format!("did you mean `{{{s}}}`?"),
                None => format!("declare `{segment}` with `in: path` and `required: true`"),
            });
        }
        for field in in_path {
            let at = op
                .parameters
                .iter()
                .find(|p| p.name.value == field.name)
                .and_then(|p| p.location.as_ref().map(|l| l.at))
                .unwrap_or(path.at);
            if !names.contains(&field.name.as_str()) {
                let msg = format!(
                    "`{}` is `in: path`, but the path of operation {name} (`{}`) has no `{{{}}}`",
                    field.name, path.value, field.name
                );
                let d = self.err(CODE, at, msg);
                d.label = "not in the path".into();
                d.help = Some(format!(
                    "add `{{{}}}` to the path, or send it elsewhere",
                    field.name
                ));
            }
            if !field.required {
                let msg = format!(
                    "path parameter `{}` of operation {name} is not required: the path cannot be built without it",
                    field.name
                );
                let d = self.err(CODE, at, msg);
                d.label = "optional".into();
                d.help = Some("mark it `required: true`".into());
            }
            if !field.ty.is_scalar() {
                let msg = format!(
                    "path parameter `{}` of operation {name} has type `{}`; a path segment holds one value",
                    field.name,
                    field.ty.spec_name()
                );
                self.err(CODE, at, msg).label = "not a scalar".into();
            }
        }
        (method, path.value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::template_names;
    use crate::diff::testing::{Spec, check_errors, model_of};
    use crate::model::{HttpMethod, WireLocation};

    fn roa(op: &str, params: &str) -> Spec {
        Spec::new().roa().op(op).params(params)
    }

    const CLUSTER: &str =
        "- {name: ClusterId, type: string, required: true, in: path, description: The cluster.}";

    #[test]
    fn roa_routes_reach_the_model() {
        let spec = roa(
            "method: PUT\npath: /api/v2/clusters/{ClusterId}",
            &format!(
                "{CLUSTER}\n- {{name: cluster_name, type: string, in: json, description: N.}}"
            ),
        );
        assert_eq!(check_errors(&spec), Vec::<String>::new());
        let model = model_of("t.yaml", &spec.yaml());
        let op = &model.services[0].operations[0];
        assert_eq!(
            (op.method, op.path.as_str()),
            (HttpMethod::Put, "/api/v2/clusters/{ClusterId}")
        );
        assert_eq!(op.parameters[0].location, Some(WireLocation::Path));
        // RPC operations are `POST /`.
        let rpc = model_of("t.yaml", &Spec::new().yaml());
        let op = &rpc.services[0].operations[0];
        assert_eq!((op.method, op.path.as_str()), (HttpMethod::Post, "/"));
    }

    #[test]
    fn routes_and_path_parameters_must_agree() {
        let errors = |op: &str, params: &str| check_errors(&roa(op, params));
        assert_eq!(
            errors(
                "path: /clusters",
                CLUSTER.replace(", in: path", "").as_str()
            ),
            ["ROA operation CreateThing does not say its HTTP `method`"]
        );
        assert_eq!(
            errors("method: GET", "- {name: A, type: string, description: A.}"),
            ["ROA operation CreateThing does not say its `path`"]
        );
        assert_eq!(
            errors(
                "method: GET\npath: clusters",
                "- {name: A, type: string, description: A.}"
            ),
            ["the path `clusters` of operation CreateThing is malformed"]
        );
        assert_eq!(
            errors("method: GET\npath: /clusters/{Cluster}", CLUSTER),
            [
                "`{Cluster}` in the path of operation CreateThing names no request parameter",
                "`ClusterId` is `in: path`, but the path of operation CreateThing (`/clusters/{Cluster}`) has no `{ClusterId}`",
            ]
        );
        assert_eq!(
            errors(
                "method: GET\npath: /clusters/{ClusterId}",
                &CLUSTER.replace(", in: path", "")
            ),
            [
                "`{ClusterId}` in the path of operation CreateThing names a parameter that is not `in: path`"
            ]
        );
        assert_eq!(
            errors(
                "method: GET\npath: /clusters/{ClusterId}",
                &CLUSTER.replace("required: true", "required: false")
            ),
            [
                "path parameter `ClusterId` of operation CreateThing is not required: the path cannot be built without it"
            ]
        );
        assert_eq!(
            errors(
                "method: GET\npath: /clusters/{ClusterId}",
                &CLUSTER.replace("type: string", "type: array, items: {type: string}")
            ),
            [
                "path parameter `ClusterId` of operation CreateThing has type `array<string>`; a path segment holds one value"
            ]
        );
    }

    #[test]
    fn other_protocols_have_no_routes() {
        let errors = check_errors(&Spec::new().op("method: GET\npath: /things"));
        assert_eq!(
            errors,
            [
                "operation CreateThing has a `method`, but every Alibaba Cloud RPC operation is `POST /`",
                "operation CreateThing has a `path`, but every Alibaba Cloud RPC operation is `POST /`",
            ]
        );
        let errors = check_errors(
            &Spec::new()
                .tencent()
                .param("- {name: Id, type: string, required: true, in: path, description: I.}"),
        );
        assert_eq!(errors, ["`in: path` does not exist in this protocol"]);
    }

    #[test]
    fn templates() {
        assert_eq!(
            template_names("/clusters/{ClusterId}/nodepools/{NodepoolId}"),
            Ok(vec!["ClusterId", "NodepoolId"])
        );
        assert_eq!(template_names("/api/v1/clusters"), Ok(vec![]));
        assert!(template_names("clusters").is_err());
        assert!(template_names("/a/{B").is_err());
        assert!(template_names("/a/B}").is_err());
        assert!(template_names("/a/{}").is_err());
        assert!(template_names("/a?b=c").is_err());
    }
}
