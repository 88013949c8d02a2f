//! The rules of `cloudspec diff`, registered in one table, [`RULES`].
//!
//! A rule looks at one [`Subject`] (something added, removed, or a pair to compare) and
//! reports changes through [`Emit`], which stamps them with the rule's id and severity. Rules
//! never see YAML and never depend on each other; [`RULES`] fixes their order in listings and
//! in reports. Ids are stable: a rule may be reworded or refined, never renamed.
//!
//! Most rules come in pairs that read one comparison in two directions (`…-added` and
//! `…-removed`, `…-decreased` and `…-increased`, `…-narrowed` and `…-widened`). One module
//! holds the comparison; each of the two rows of [`RULES`] hands it its direction (`Dir` or
//! `Strictness`) and its parameters (which constraint, which side of the wire). A rule with
//! logic of its own has a module named after its id, unless it shares helpers with a pair
//! (`request-rule-changed`, `request-parameter-added-required`). Their tests are one table of
//! cases, in `tests.rs`.

use crate::diff::Role::{Request, Response};
use crate::diff::{Emit, Severity, Subject};
use Dir::{Added, Removed};
use Severity::{Breaking, DocsOnly, NonBreaking, PotentiallyBreaking};
use Strictness::{Looser, Stricter};

/// A diff rule: a stable id, its severity, one line on what it reports, and the check.
pub struct DiffRule {
    /// Stable kebab-case id (`request-parameter-max-length-decreased`).
    pub id: &'static str,
    /// The severity of every change it reports.
    pub severity: Severity,
    /// What it reports, in one line.
    pub summary: &'static str,
    /// The check.
    pub check: fn(&Subject<'_>, &mut Emit<'_>),
}

impl std::fmt::Debug for DiffRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiffRule")
            .field("id", &self.id)
            .field("severity", &self.severity)
            .finish()
    }
}

/// Which rule of an added/removed pair a row is: [`Dir::Added`] reports what the new side has
/// and the old one lacks, [`Dir::Removed`] the same comparison read from new to old.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Only (or more) in the new side.
    Added,
    /// Only (or more) in the old side.
    Removed,
}

impl Dir {
    /// The two sides in this direction's reading order: `(old, new)` for `Added`, `(new, old)`
    /// for `Removed`. What the second has and the first lacks is what the rule reports.
    pub(crate) fn order<T>(self, old: T, new: T) -> (T, T) {
        match self {
            Added => (old, new),
            Removed => (new, old),
        }
    }

    /// The items that moved in this direction: in `new` but not `old` for `Added`, the reverse
    /// for `Removed`.
    pub(crate) fn moved<'a, T: PartialEq>(self, old: &'a [T], new: &'a [T]) -> Vec<&'a T> {
        let (from, to) = self.order(old, new);
        to.iter().filter(|x| !from.contains(x)).collect()
    }

    /// The `(old, new)` locations of something only one side has.
    pub(crate) fn locs<T>(self, x: &T) -> (Option<&T>, Option<&T>) {
        match self {
            Added => (None, Some(x)),
            Removed => (Some(x), None),
        }
    }

    /// `added`, `removed`.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Added => "added",
            Removed => "removed",
        }
    }
}

/// Which rule of a constraint pair a row is: the change lets fewer values (or requests) through
/// (a constraint added, lowered or narrowed), or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strictness {
    /// Fewer pass than before.
    Stricter,
    /// More pass than before.
    Looser,
}

mod also_accept;
mod authorization;
mod authorization_access_level_changed;
mod authorization_changed;
mod citation_changed;
mod constraints;
mod description_changed;
mod endpoint_changed;
mod enums;
mod error_codes;
mod error_message_changed;
mod error_status_changed;
mod example_changed;
mod fields;
mod lenient_scalars;
mod member_constraints_changed;
mod notes_changed;
mod operation_route_changed;
mod operations;
mod paginator;
mod provenance_changed;
mod rate_limit;
mod regions;
mod request_parameter_default_changed;
mod request_parameter_idempotency_token_changed;
mod request_parameter_protocol_filled_changed;
mod request_parameter_renamed;
mod request_parameter_type_changed;
mod request_parameter_wire_changed;
mod request_rules;
mod required;
mod response_envelope_changed;
mod response_field_constraint_changed;
mod response_field_json_text;
mod response_field_nullable_changed;
mod response_field_renamed;
mod response_field_type_changed;
mod rust_name_changed;
mod service_protocol_changed;
mod services;
mod source_changed;
#[cfg(test)]
mod tests;
mod types;
mod waiter;

/// Every rule, grouped by what it looks at. The order is that of `--list-rules`, and of the
/// changes one subject gets in a report.
pub static RULES: &[DiffRule] = &[
    // Services.
    DiffRule {
        id: "service-added",
        severity: NonBreaking,
        summary: "a new service (product): the crate gains a module behind a new feature",
        check: |s, e| services::product(s, e, Added),
    },
    DiffRule {
        id: "service-removed",
        severity: Breaking,
        summary: "a service (product) removed: its module and feature disappear from the crate",
        check: |s, e| services::product(s, e, Removed),
    },
    DiffRule {
        id: "service-version-added",
        severity: NonBreaking,
        summary: "a new API version of a known product: the crate gains a version module",
        check: |s, e| services::version(s, e, Added),
    },
    DiffRule {
        id: "service-version-removed",
        severity: Breaking,
        summary: "an API version removed: its version module disappears from the crate",
        check: |s, e| services::version(s, e, Removed),
    },
    DiffRule {
        id: "lenient-scalars-on",
        severity: NonBreaking,
        summary: "responses now take numbers and numeric strings for each other: bodies that failed to decode now decode",
        check: |s, e| lenient_scalars::check(s, e, Added),
    },
    DiffRule {
        id: "lenient-scalars-off",
        severity: PotentiallyBreaking,
        summary: "responses no longer take numbers and numeric strings for each other: bodies that decoded may fail as malformed",
        check: |s, e| lenient_scalars::check(s, e, Removed),
    },
    DiffRule {
        id: "service-protocol-changed",
        severity: PotentiallyBreaking,
        summary: "protocol or signing name changed: every request of the service is encoded or signed differently",
        check: service_protocol_changed::check,
    },
    DiffRule {
        id: "endpoint-changed",
        severity: PotentiallyBreaking,
        summary: "endpoint rule, host or region host changed: requests go to another host",
        check: endpoint_changed::check,
    },
    DiffRule {
        id: "region-added",
        severity: NonBreaking,
        summary: "regions added to a service or an operation (or an operation no longer narrows the service's list)",
        check: |s, e| regions::check(s, e, Added),
    },
    DiffRule {
        id: "region-removed",
        severity: PotentiallyBreaking,
        summary: "regions removed from a service or an operation (or an operation starts narrowing the service's list): requests there may be refused",
        check: |s, e| regions::check(s, e, Removed),
    },
    DiffRule {
        id: "type-added",
        severity: NonBreaking,
        summary: "a named type added: the module gains a struct",
        check: |s, e| types::check(s, e, Added),
    },
    DiffRule {
        id: "type-removed",
        severity: Breaking,
        summary: "a named type removed: its struct disappears from the module",
        check: |s, e| types::check(s, e, Removed),
    },
    // Operations.
    DiffRule {
        id: "operation-added",
        severity: NonBreaking,
        summary: "an operation added: the module gains its request, builder, response and error types",
        check: |s, e| operations::check(s, e, Added),
    },
    DiffRule {
        id: "operation-removed",
        severity: Breaking,
        summary: "an operation removed: its request, builder, response and error types disappear",
        check: |s, e| operations::check(s, e, Removed),
    },
    DiffRule {
        id: "authorization-added",
        severity: NonBreaking,
        summary: "authorization documented: the request type gains `RAM_ACTION` and related constants",
        check: |s, e| authorization::check(s, e, Added),
    },
    DiffRule {
        id: "authorization-removed",
        severity: Breaking,
        summary: "authorization no longer documented: `RAM_ACTION` and related constants disappear",
        check: |s, e| authorization::check(s, e, Removed),
    },
    DiffRule {
        id: "authorization-changed",
        severity: PotentiallyBreaking,
        summary: "policy action, resource types, condition keys or dependent actions changed: existing policies may no longer allow the call",
        check: authorization_changed::check,
    },
    DiffRule {
        id: "authorization-access-level-changed",
        severity: NonBreaking,
        summary: "access level of the policy action changed: the `ACCESS_LEVEL` constant changes value",
        check: authorization_access_level_changed::check,
    },
    DiffRule {
        id: "rate-limit-decreased",
        severity: PotentiallyBreaking,
        summary: "rate limit lowered (or newly documented): callers that sent more are throttled",
        check: |s, e| rate_limit::check(s, e, Stricter),
    },
    DiffRule {
        id: "rate-limit-increased",
        severity: NonBreaking,
        summary: "rate limit raised (or no longer documented): callers may send more",
        check: |s, e| rate_limit::check(s, e, Looser),
    },
    DiffRule {
        id: "response-envelope-changed",
        severity: PotentiallyBreaking,
        summary: "response envelope changed: every response of the operation is unwrapped differently",
        check: response_envelope_changed::check,
    },
    DiffRule {
        id: "operation-route-changed",
        severity: Breaking,
        summary: "a ROA operation's HTTP method or path changed: clients built from the old spec call the old route",
        check: operation_route_changed::check,
    },
    DiffRule {
        id: "paginator-added",
        severity: NonBreaking,
        summary: "an operation gained a paginator: a new `…_paginator` client method",
        check: |s, e| paginator::presence(s, e, Added),
    },
    DiffRule {
        id: "paginator-removed",
        severity: Breaking,
        summary: "an operation lost its paginator: its `…_paginator` client method is gone",
        check: |s, e| paginator::presence(s, e, Removed),
    },
    DiffRule {
        id: "paginator-changed",
        severity: PotentiallyBreaking,
        summary: "an operation pages another way (style, parameters or response paths): the paginator steps, stops or yields differently",
        check: paginator::changed,
    },
    DiffRule {
        id: "waiter-added",
        severity: NonBreaking,
        summary: "an operation gained a waiter: a new `wait_until_…` client method",
        check: |s, e| waiter::presence(s, e, Added),
    },
    DiffRule {
        id: "waiter-removed",
        severity: Breaking,
        summary: "an operation lost a waiter: its `wait_until_…` client method is gone",
        check: |s, e| waiter::presence(s, e, Removed),
    },
    DiffRule {
        id: "waiter-changed",
        severity: PotentiallyBreaking,
        summary: "a waiter waits for other values, at another path, or polls and gives up at other times",
        check: waiter::changed,
    },
    // Request parameters.
    DiffRule {
        id: "request-parameter-added",
        severity: NonBreaking,
        summary: "an optional request parameter added: a new field and setter; existing calls are unaffected",
        check: |s, e| fields::check(s, e, Request, Added),
    },
    DiffRule {
        id: "request-parameter-added-required",
        severity: Breaking,
        summary: "a required request parameter added: `build()` fails for every existing call until it is set",
        check: fields::added_required,
    },
    DiffRule {
        id: "request-parameter-removed",
        severity: Breaking,
        summary: "a request parameter removed: its field and setter disappear",
        check: |s, e| fields::check(s, e, Request, Removed),
    },
    DiffRule {
        id: "request-parameter-renamed",
        severity: Breaking,
        summary: "a request parameter likely renamed (removed and added with the same description): its setter is renamed",
        check: request_parameter_renamed::check,
    },
    DiffRule {
        id: "request-parameter-required-added",
        severity: Breaking,
        summary: "a request parameter became required: `build()` fails for calls that do not set it",
        check: |s, e| required::check(s, e, Added),
    },
    DiffRule {
        id: "request-parameter-required-removed",
        severity: NonBreaking,
        summary: "a request parameter became optional: `build()` no longer requires it",
        check: |s, e| required::check(s, e, Removed),
    },
    DiffRule {
        id: "request-parameter-member-constraint-changed",
        severity: PotentiallyBreaking,
        summary: "the constraints a parameter puts on members of its named type changed: validation accepts other values",
        check: member_constraints_changed::check,
    },
    DiffRule {
        id: "request-parameter-type-changed",
        severity: Breaking,
        summary: "a request parameter's type changed: its field and setter take another Rust type",
        check: request_parameter_type_changed::check,
    },
    DiffRule {
        id: "request-parameter-protocol-filled-changed",
        severity: Breaking,
        summary: "a request parameter is now (or no longer) filled in by the protocol: its field and setter disappear (or appear)",
        check: request_parameter_protocol_filled_changed::check,
    },
    DiffRule {
        id: "request-parameter-idempotency-token-changed",
        severity: PotentiallyBreaking,
        summary: "a request parameter became (or stopped being) the idempotency token: the client fills it with a UUID when left empty and retries after connection failures (or no longer does)",
        check: request_parameter_idempotency_token_changed::check,
    },
    DiffRule {
        id: "request-parameter-wire-changed",
        severity: PotentiallyBreaking,
        summary: "a request parameter's wire location or style changed: the client sends it elsewhere or encoded differently",
        check: request_parameter_wire_changed::check,
    },
    DiffRule {
        id: "request-parameter-default-changed",
        severity: PotentiallyBreaking,
        summary: "a request parameter's default changed: callers that omit it get another behaviour",
        check: request_parameter_default_changed::check,
    },
    DiffRule {
        id: "request-parameter-enum-added",
        severity: PotentiallyBreaking,
        summary: "a request parameter now lists its valid values: other values are rejected, and a string field becomes an enum",
        check: |s, e| enums::listed(s, e, Added),
    },
    DiffRule {
        id: "request-parameter-enum-removed",
        severity: Breaking,
        summary: "a request parameter no longer lists valid values: a string field's enum type is removed",
        check: |s, e| enums::listed(s, e, Removed),
    },
    DiffRule {
        id: "request-parameter-enum-value-added",
        severity: NonBreaking,
        summary: "a request parameter accepts new values: its enum gains variants",
        check: |s, e| enums::values(s, e, Request, Added),
    },
    DiffRule {
        id: "request-parameter-enum-value-removed",
        severity: Breaking,
        summary: "a request parameter no longer accepts a value: its enum loses the variant and `validate` rejects the value",
        check: |s, e| enums::values(s, e, Request, Removed),
    },
    DiffRule {
        id: "request-parameter-max-length-decreased",
        severity: PotentiallyBreaking,
        summary: "maxLength of a request value lowered or added: longer values that passed validation are now rejected",
        check: |s, e| constraints::bound(s, e, "maxLength", Stricter),
    },
    DiffRule {
        id: "request-parameter-max-length-increased",
        severity: NonBreaking,
        summary: "maxLength of a request value raised or removed: more values pass validation",
        check: |s, e| constraints::bound(s, e, "maxLength", Looser),
    },
    DiffRule {
        id: "request-parameter-min-length-increased",
        severity: PotentiallyBreaking,
        summary: "minLength of a request value raised or added: shorter values that passed validation are now rejected",
        check: |s, e| constraints::bound(s, e, "minLength", Stricter),
    },
    DiffRule {
        id: "request-parameter-min-length-decreased",
        severity: NonBreaking,
        summary: "minLength of a request value lowered or removed: more values pass validation",
        check: |s, e| constraints::bound(s, e, "minLength", Looser),
    },
    DiffRule {
        id: "request-parameter-pattern-changed",
        severity: PotentiallyBreaking,
        summary: "a request value's pattern added or changed: values that passed validation may be rejected",
        check: |s, e| constraints::pattern(s, e, Stricter),
    },
    DiffRule {
        id: "request-parameter-pattern-removed",
        severity: NonBreaking,
        summary: "a request value's pattern removed: more values pass validation",
        check: |s, e| constraints::pattern(s, e, Looser),
    },
    DiffRule {
        id: "request-parameter-allowed-chars-narrowed",
        severity: PotentiallyBreaking,
        summary: "allowedChars of a request value narrowed (or added): values with characters now outside the set are rejected",
        check: |s, e| constraints::charset(s, e, "allowedChars", Stricter),
    },
    DiffRule {
        id: "request-parameter-allowed-chars-widened",
        severity: NonBreaking,
        summary: "allowedChars of a request value widened (or removed): more values pass validation",
        check: |s, e| constraints::charset(s, e, "allowedChars", Looser),
    },
    DiffRule {
        id: "request-parameter-first-char-narrowed",
        severity: PotentiallyBreaking,
        summary: "firstChar of a request value narrowed (or added): values starting with a character now outside the set are rejected",
        check: |s, e| constraints::charset(s, e, "firstChar", Stricter),
    },
    DiffRule {
        id: "request-parameter-first-char-widened",
        severity: NonBreaking,
        summary: "firstChar of a request value widened (or removed): more values pass validation",
        check: |s, e| constraints::charset(s, e, "firstChar", Looser),
    },
    DiffRule {
        id: "request-parameter-forbidden-prefix-added",
        severity: PotentiallyBreaking,
        summary: "forbidden prefixes added to a request value: values that passed validation may now be rejected",
        check: |s, e| constraints::list(s, e, "forbiddenPrefixes", "start with", Stricter),
    },
    DiffRule {
        id: "request-parameter-forbidden-prefix-removed",
        severity: NonBreaking,
        summary: "forbidden prefixes removed from a request value: more values pass validation",
        check: |s, e| constraints::list(s, e, "forbiddenPrefixes", "start with", Looser),
    },
    DiffRule {
        id: "request-parameter-forbidden-substring-added",
        severity: PotentiallyBreaking,
        summary: "forbidden substrings added to a request value: values that passed validation may now be rejected",
        check: |s, e| constraints::list(s, e, "forbiddenSubstrings", "contain", Stricter),
    },
    DiffRule {
        id: "request-parameter-forbidden-substring-removed",
        severity: NonBreaking,
        summary: "forbidden substrings removed from a request value: more values pass validation",
        check: |s, e| constraints::list(s, e, "forbiddenSubstrings", "contain", Looser),
    },
    DiffRule {
        id: "request-parameter-ascii-only-added",
        severity: PotentiallyBreaking,
        summary: "asciiOnly added to a request value: values with other characters are now rejected",
        check: |s, e| constraints::flag(s, e, "asciiOnly", Stricter),
    },
    DiffRule {
        id: "request-parameter-ascii-only-removed",
        severity: NonBreaking,
        summary: "asciiOnly removed from a request value: non-ASCII values pass validation",
        check: |s, e| constraints::flag(s, e, "asciiOnly", Looser),
    },
    DiffRule {
        id: "request-parameter-non-empty-added",
        severity: PotentiallyBreaking,
        summary: "nonEmpty added to a request value: empty values are now rejected",
        check: |s, e| constraints::flag(s, e, "nonEmpty", Stricter),
    },
    DiffRule {
        id: "request-parameter-non-empty-removed",
        severity: NonBreaking,
        summary: "nonEmpty removed from a request value: empty values pass validation",
        check: |s, e| constraints::flag(s, e, "nonEmpty", Looser),
    },
    DiffRule {
        id: "request-parameter-max-items-decreased",
        severity: PotentiallyBreaking,
        summary: "maxItems of a request array lowered or added: longer lists that passed validation are now rejected",
        check: |s, e| constraints::bound(s, e, "maxItems", Stricter),
    },
    DiffRule {
        id: "request-parameter-max-items-increased",
        severity: NonBreaking,
        summary: "maxItems of a request array raised or removed: longer lists pass validation",
        check: |s, e| constraints::bound(s, e, "maxItems", Looser),
    },
    DiffRule {
        id: "request-parameter-min-items-increased",
        severity: PotentiallyBreaking,
        summary: "minItems of a request array raised or added: shorter lists that passed validation are now rejected",
        check: |s, e| constraints::bound(s, e, "minItems", Stricter),
    },
    DiffRule {
        id: "request-parameter-min-items-decreased",
        severity: NonBreaking,
        summary: "minItems of a request array lowered or removed: shorter lists pass validation",
        check: |s, e| constraints::bound(s, e, "minItems", Looser),
    },
    DiffRule {
        id: "request-parameter-maximum-decreased",
        severity: PotentiallyBreaking,
        summary: "maximum of a request number lowered or added: larger values that passed validation are now rejected",
        check: |s, e| constraints::bound(s, e, "maximum", Stricter),
    },
    DiffRule {
        id: "request-parameter-maximum-increased",
        severity: NonBreaking,
        summary: "maximum of a request number raised or removed: larger values pass validation",
        check: |s, e| constraints::bound(s, e, "maximum", Looser),
    },
    DiffRule {
        id: "request-parameter-minimum-increased",
        severity: PotentiallyBreaking,
        summary: "minimum of a request number raised or added: smaller values that passed validation are now rejected",
        check: |s, e| constraints::bound(s, e, "minimum", Stricter),
    },
    DiffRule {
        id: "request-parameter-minimum-decreased",
        severity: NonBreaking,
        summary: "minimum of a request number lowered or removed: smaller values pass validation",
        check: |s, e| constraints::bound(s, e, "minimum", Looser),
    },
    // Rules across parameters.
    DiffRule {
        id: "request-rule-added",
        severity: PotentiallyBreaking,
        summary: "a rule across request parameters added: requests that passed validation may be rejected",
        check: |s, e| request_rules::check(s, e, Added),
    },
    DiffRule {
        id: "request-rule-removed",
        severity: NonBreaking,
        summary: "a rule across request parameters removed: more requests pass validation",
        check: |s, e| request_rules::check(s, e, Removed),
    },
    DiffRule {
        id: "request-rule-changed",
        severity: PotentiallyBreaking,
        summary: "a rule across request parameters changed its members or trigger: requests that passed validation may be rejected",
        check: request_rules::changed,
    },
    // Responses.
    DiffRule {
        id: "response-field-added",
        severity: NonBreaking,
        summary: "a response field added: the response struct gains an `Option` field",
        check: |s, e| fields::check(s, e, Response, Added),
    },
    DiffRule {
        id: "response-field-removed",
        severity: Breaking,
        summary: "a response field removed: code that reads it no longer compiles",
        check: |s, e| fields::check(s, e, Response, Removed),
    },
    DiffRule {
        id: "response-field-renamed",
        severity: Breaking,
        summary: "a response field likely renamed (removed and added with the same description): its Rust field is renamed",
        check: response_field_renamed::check,
    },
    DiffRule {
        id: "response-field-json-text-added",
        severity: NonBreaking,
        summary: "a response field now arrives as JSON text inside a string (`style: json`): the text is decoded, the value itself still is",
        check: |s, e| response_field_json_text::check(s, e, Added),
    },
    DiffRule {
        id: "response-field-json-text-removed",
        severity: PotentiallyBreaking,
        summary: "a response field no longer arrives as JSON text inside a string: bodies with the text no longer decode",
        check: |s, e| response_field_json_text::check(s, e, Removed),
    },
    DiffRule {
        id: "response-field-nullable-changed",
        severity: DocsOnly,
        summary: "a response field is (or is no longer) documented as possibly null: rustdoc and reference pages change",
        check: response_field_nullable_changed::check,
    },
    DiffRule {
        id: "response-field-type-changed",
        severity: Breaking,
        summary: "a response field's type changed (or a string became an enum, or stopped being one): code that reads it may no longer compile",
        check: response_field_type_changed::check,
    },
    DiffRule {
        id: "response-field-enum-value-added",
        severity: PotentiallyBreaking,
        summary: "a response field may carry new values: its enum gains variants (exhaustive matches break; the value no longer decodes as `Unknown`)",
        check: |s, e| enums::values(s, e, Response, Added),
    },
    DiffRule {
        id: "response-field-enum-value-removed",
        severity: Breaking,
        summary: "a response field no longer lists a value: its enum loses the variant",
        check: |s, e| enums::values(s, e, Response, Removed),
    },
    DiffRule {
        id: "response-field-also-accept-added",
        severity: NonBreaking,
        summary: "a response field also decodes from more JSON types: bodies that failed to decode now decode",
        check: |s, e| also_accept::check(s, e, Added),
    },
    DiffRule {
        id: "response-field-also-accept-removed",
        severity: PotentiallyBreaking,
        summary: "a response field no longer decodes from some JSON types: bodies that decoded may now fail",
        check: |s, e| also_accept::check(s, e, Removed),
    },
    DiffRule {
        id: "response-field-constraint-changed",
        severity: DocsOnly,
        summary: "a response field's documented constraints, required flag or default changed: rustdoc only (responses are not validated)",
        check: response_field_constraint_changed::check,
    },
    // Rust names.
    DiffRule {
        id: "rust-name-changed",
        severity: Breaking,
        summary: "the Rust name of a field, nested type, value, error code or named type changed: code that names the old one no longer compiles",
        check: rust_name_changed::check,
    },
    // Errors.
    DiffRule {
        id: "error-code-added",
        severity: NonBreaking,
        summary: "an error code added: the error kind gains a variant (the code decoded as `Unknown` before)",
        check: |s, e| error_codes::check(s, e, Added),
    },
    DiffRule {
        id: "error-code-removed",
        severity: Breaking,
        summary: "an error code removed: the error kind loses its variant",
        check: |s, e| error_codes::check(s, e, Removed),
    },
    DiffRule {
        id: "error-status-changed",
        severity: PotentiallyBreaking,
        summary: "an error's HTTP status changed: code that branches on the status sees another value",
        check: error_status_changed::check,
    },
    DiffRule {
        id: "error-message-changed",
        severity: DocsOnly,
        summary: "an error's documented message changed: rustdoc only (errors are mapped by code)",
        check: error_message_changed::check,
    },
    // Documentation.
    DiffRule {
        id: "description-changed",
        severity: DocsOnly,
        summary: "a description, summary, display name, value meaning or not-public mark changed: rustdoc only",
        check: description_changed::check,
    },
    DiffRule {
        id: "example-changed",
        severity: DocsOnly,
        summary: "an example value or example body changed: rustdoc, doc-test and generated example tests only",
        check: example_changed::check,
    },
    DiffRule {
        id: "source-changed",
        severity: DocsOnly,
        summary: "a source page of an operation added, removed or re-dated: rustdoc only",
        check: source_changed::check,
    },
    DiffRule {
        id: "notes-changed",
        severity: DocsOnly,
        summary: "a documented-only rule (quota, region, lifecycle note) added, removed or changed: rustdoc only",
        check: notes_changed::check,
    },
    DiffRule {
        id: "citation-changed",
        severity: DocsOnly,
        summary: "the sentence cited for a constraint, rule or rate limit changed: validation messages and rustdoc only",
        check: citation_changed::check,
    },
    DiffRule {
        id: "provenance-changed",
        severity: DocsOnly,
        summary: "provenance notes changed: nothing in the generated Rust",
        check: provenance_changed::check,
    },
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static DiffRule> {
    RULES.iter().find(|r| r.id == id)
}
