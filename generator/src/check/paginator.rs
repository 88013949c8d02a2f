//! Paginator declarations: the cursor and page-size parameters are top-level request
//! parameters of the right type, and the response paths lead through objects to an array of
//! items, an integer total and a string token.

use super::Cx;
use crate::load::did_you_mean;
use crate::model::{self, Field, PageStyle, Type};
use crate::spec::{self, Spanned};

const CODE: &str = "invalid-paginator";

/// What a response path must end at.
#[derive(Clone, Copy)]
enum End {
    Array,
    Integer,
    String,
}

impl End {
    fn fits(self, ty: &Type) -> bool {
        matches!(
            (self, ty),
            (End::Array, Type::Array(_))
                | (End::Integer, Type::Integer)
                | (End::String, Type::String)
        )
    }

    fn what(self) -> &'static str {
        match self {
            End::Array => "an array",
            End::Integer => "an integer",
            End::String => "a string",
        }
    }
}

impl Cx<'_> {
    /// The checked paginator of operation `op`, or `None` (with errors reported) when any part
    /// of the declaration is wrong.
    pub(super) fn paginator(
        &mut self,
        p: &spec::Paginator,
        op: &str,
        parameters: &[Field],
        response: &[Field],
    ) -> Option<model::Paginator> {
        let style = p.style.value;
        let cursor_type = match style {
            PageStyle::Token => End::String,
            PageStyle::Offset | PageStyle::PageNumber => End::Integer,
        };
        let cursor = self.paginator_parameter(&p.cursor, "cursor", cursor_type, parameters, op);
        let page_size = p
            .page_size
            .as_ref()
            .map(|s| self.paginator_parameter(s, "pageSize", End::Integer, parameters, op));
        let items = self.response_path(&p.items, "items", End::Array, response, op);
        let total = p
            .total
            .as_ref()
            .map(|t| self.response_path(t, "total", End::Integer, response, op));
        // Every part is checked (and reported) before any failure ends the check.
        let mut failed = false;
        let next_token = match (style, &p.next_token) {
            (PageStyle::Token, Some(t)) => {
                self.response_path(t, "nextToken", End::String, response, op)
            }
            (PageStyle::Token, None) => {
                let msg = format!(
                    "the token paginator of operation {op} does not say where the response keeps the next token"
                );
                let d = self.err(CODE, p.style.at, msg);
                d.label = "token paginator".into();
                d.help = Some("add `nextToken: NextToken` (the response field's path)".into());
                failed = true;
                None
            }
            (_, Some(t)) => {
                let msg = format!(
                    "`nextToken` is read only by token paginators; operation {op} pages by {}",
                    style.spec_name()
                );
                let d = self.err(CODE, t.at, msg);
                d.label = "not read".into();
                d.help = Some("remove `nextToken`, or make the style `token`".into());
                failed = true;
                None
            }
            (_, None) => None,
        };
        failed |= p.next_token.is_some() && next_token.is_none();
        failed |= page_size.as_ref().is_some_and(Option::is_none);
        failed |= total.as_ref().is_some_and(Option::is_none);
        let (Some(cursor), Some(items), false) = (cursor, items, failed) else {
            return None;
        };
        Some(model::Paginator {
            style,
            cursor,
            page_size: page_size.flatten(),
            items,
            total: total.flatten(),
            next_token,
        })
    }

    /// A top-level request parameter of the given type: its name.
    fn paginator_parameter(
        &mut self,
        name: &Spanned<String>,
        key: &str,
        end: End,
        parameters: &[Field],
        op: &str,
    ) -> Option<String> {
        let Some(field) = parameters.iter().find(|f| f.name == name.value) else {
            let names: Vec<String> = parameters.iter().map(|f| f.name.clone()).collect();
            let msg = format!(
                "the paginator's `{key}` names `{}`, which is not a request parameter of operation {op}",
                name.value
            );
            let d = self.err(CODE, name.at, msg);
            d.label = "no such parameter".into();
            d.help = Some(match did_you_mean(&name.value, &names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "name one of the operation's `parameters`".into(),
            });
            return None;
        };
        if !end.fits(&field.ty) {
            let msg = format!(
                "the paginator's `{key}` must be {}; `{}` has type `{}`",
                end.what(),
                name.value,
                field.ty.spec_name()
            );
            let d = self.err(CODE, name.at, msg);
            d.label = format!("not {}", end.what());
            return None;
        }
        Some(field.name.clone())
    }

    /// A dotted path of response field names, through objects (inline or named), ending at a
    /// value of the given type: its segments.
    fn response_path(
        &mut self,
        path: &Spanned<String>,
        key: &str,
        end: End,
        response: &[Field],
        op: &str,
    ) -> Option<Vec<String>> {
        let segments: Vec<&str> = path.value.split('.').collect();
        let mut fields: Vec<Field> = response.to_vec();
        for (i, segment) in segments.iter().enumerate() {
            let Some(field) = fields.iter().find(|f| f.name == *segment).cloned() else {
                let subject = format!("the paginator's `{key}` path `{}`", path.value);
                self.no_such_field(CODE, path.at, &subject, &segments[..=i], op, &fields);
                return None;
            };
            if i + 1 == segments.len() {
                if end.fits(&field.ty) {
                    return Some(segments.iter().map(|s| s.to_string()).collect());
                }
                let msg = format!(
                    "the paginator's `{key}` must lead to {}; `{}` has type `{}`",
                    end.what(),
                    path.value,
                    field.ty.spec_name()
                );
                let d = self.err(CODE, path.at, msg);
                d.label = format!("not {}", end.what());
                return None;
            }
            fields = match &field.ty {
                Type::Object(members) => members.clone(),
                Type::Named(n) => self.types.get(n).cloned().unwrap_or_default(),
                other => {
                    let msg = format!(
                        "the paginator's `{key}` path `{}` goes through `{segment}`, which has type `{}`, not an object",
                        path.value,
                        other.spec_name()
                    );
                    let d = self.err(CODE, path.at, msg);
                    d.label = "not an object".into();
                    return None;
                }
            };
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, check_errors, model_of};
    use crate::model::PageStyle;

    /// An operation with offset, page-number and token parameters, whose response nests the
    /// items in an inline object and the token in a named type.
    fn spec(paginator: &str) -> Spec {
        Spec::new()
            .params(
                "- {name: Offset, type: integer, description: O.}\n\
                 - {name: Limit, type: integer, description: L.}\n\
                 - {name: NextToken, type: string, description: T.}",
            )
            .types(
                "- name: Cursor\n  description: C.\n  properties:\n    - {name: Next, type: string, description: N.}",
            )
            .response(
                "- name: Page\n  type: object\n  description: P.\n  properties:\n    \
                 - {name: Items, type: array, description: I., items: {type: string}}\n    \
                 - {name: Total, type: integer, description: T.}\n    \
                 - {name: Cursor, type: Cursor, description: C.}\n\
                 - {name: Count, type: integer, description: C.}",
            )
            .op(paginator)
    }

    #[test]
    fn paths_go_through_inline_objects_and_named_types() {
        let offset = spec(
            "paginator: {style: offset, cursor: Offset, pageSize: Limit, items: Page.Items, total: Page.Total}",
        );
        assert_eq!(check_errors(&offset), Vec::<String>::new());
        let model = model_of("t.yaml", &offset.yaml());
        let p = model.services[0].operations[0]
            .paginator
            .clone()
            .expect("a paginator");
        assert_eq!(p.style, PageStyle::Offset);
        assert_eq!(
            (p.cursor.as_str(), p.page_size.as_deref()),
            ("Offset", Some("Limit"))
        );
        assert_eq!(p.items, ["Page", "Items"]);
        assert_eq!(
            p.total.as_deref(),
            Some(&["Page".to_string(), "Total".into()][..])
        );

        let token = spec(
            "paginator: {style: token, cursor: NextToken, items: Page.Items, nextToken: Page.Cursor.Next}",
        );
        assert_eq!(check_errors(&token), Vec::<String>::new());
        let model = model_of("t.yaml", &token.yaml());
        let p = model.services[0].operations[0]
            .paginator
            .clone()
            .expect("a paginator");
        assert_eq!(p.next_token.as_deref().map(<[String]>::len), Some(3));
    }

    #[test]
    fn every_wrong_part_is_reported() {
        let found = check_errors(&spec(
            "paginator: {style: offset, cursor: NextToken, pageSize: Limt, items: Page.Items.Item, total: Count, nextToken: Page.Cursor.Next}",
        ));
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(
            found[0].contains("`cursor` must be an integer; `NextToken` has type `string`"),
            "{}",
            found[0]
        );
        assert!(
            found[1].contains("names `Limt`, which is not a request parameter"),
            "{}",
            found[1]
        );
        assert!(
            found[2]
                .contains("goes through `Items`, which has type `array<string>`, not an object"),
            "{}",
            found[2]
        );
        assert!(
            found[3].contains("`nextToken` is read only by token paginators"),
            "{}",
            found[3]
        );

        let found = check_errors(&spec(
            "paginator: {style: pageNumber, cursor: Offset, items: Page.Missing, total: Page.Items}",
        ));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].contains("names `Missing`, which is not a field of `Page`"),
            "{}",
            found[0]
        );
        assert!(
            found[1].contains("`total` must lead to an integer"),
            "{}",
            found[1]
        );
    }
}
