//! Constraints of a parameter: each keyword checked against the type, bounds against each
//! other, patterns compiled, character classes resolved, and each tied to the sentence it
//! cites.

use std::collections::{BTreeMap, BTreeSet};

use super::{Cx, article};
use crate::load::did_you_mean;
use crate::model::{self, CharClass, Constraint, ConstraintKind, Type};
use crate::spec::{self, Loc, Spanned};

impl Cx<'_> {
    pub(super) fn constraints(&mut self, p: &spec::Param, ty: &Type) -> Vec<Constraint> {
        let mut raw: Vec<(ConstraintKind, Loc)> = Vec::new();
        let is_string = *ty == Type::String;
        let is_array = matches!(ty, Type::Array(_));
        let is_number = matches!(ty, Type::Integer | Type::Number);
        let need = |cx: &mut Self, ok: bool, kw: &str, at: Loc, what: &str| {
            if !ok {
                let msg = format!(
                    "`{kw}` applies to {what}, but `{}` is `{}`",
                    p.name.value,
                    ty.spec_name()
                );
                cx.err("constraint-type-mismatch", at, msg).label =
                    format!("not valid on {}", article(&ty.spec_name()));
            }
            ok
        };
        if let Some(v) = &p.min_length
            && need(self, is_string, "minLength", v.at, "strings")
        {
            raw.push((ConstraintKind::MinLength { value: v.value }, v.at));
        }
        if let Some(v) = &p.max_length
            && need(self, is_string, "maxLength", v.at, "strings")
        {
            raw.push((ConstraintKind::MaxLength { value: v.value }, v.at));
        }
        if let Some(v) = &p.pattern
            && need(self, is_string, "pattern", v.at, "strings")
        {
            match regex::Regex::new(&format!("^(?:{})$", v.value)) {
                Ok(_) => raw.push((
                    ConstraintKind::Pattern {
                        regex: v.value.clone(),
                    },
                    v.at,
                )),
                Err(e) => {
                    let msg = format!(
                        "invalid regular expression: {}",
                        e.to_string()
                            .lines()
                            .last()
                            .unwrap_or_default()
                            .trim()
                            .trim_start_matches("error: ")
                    );
                    let d = self.err("invalid-pattern", v.at, msg);
                    d.label = "this pattern does not compile".into();
                    d.help = Some(
                        "patterns use Rust `regex` syntax and must match the whole value".into(),
                    );
                }
            }
        }
        for (src, kw) in [
            (&p.allowed_chars, "allowedChars"),
            (&p.first_char, "firstChar"),
        ] {
            if let Some(v) = src
                && need(self, is_string, kw, v.at, "strings")
                && let Some(set) = self.charset(v)
            {
                let kind = if kw == "allowedChars" {
                    ConstraintKind::AllowedChars { set }
                } else {
                    ConstraintKind::FirstChar { set }
                };
                raw.push((kind, v.at));
            }
        }
        for (list, kw) in [
            (&p.forbidden_prefixes, "forbiddenPrefixes"),
            (&p.forbidden_substrings, "forbiddenSubstrings"),
        ] {
            if let Some(first) = list.first()
                && need(self, is_string, kw, first.at, "strings")
            {
                let values: Vec<String> = list.iter().map(|s| s.value.clone()).collect();
                if let Some(empty) = list.iter().find(|s| s.value.is_empty()) {
                    self.err(
                        "empty-value",
                        empty.at,
                        format!("an empty string in `{kw}` would reject every value"),
                    )
                    .label = "empty".into();
                }
                let kind = if kw == "forbiddenPrefixes" {
                    ConstraintKind::ForbiddenPrefixes { values }
                } else {
                    ConstraintKind::ForbiddenSubstrings { values }
                };
                raw.push((kind, first.at));
            }
        }
        if let Some(v) = &p.ascii_only
            && v.value
            && need(self, is_string, "asciiOnly", v.at, "strings")
        {
            raw.push((ConstraintKind::AsciiOnly, v.at));
        }
        if let Some(v) = &p.non_empty
            && v.value
            && need(
                self,
                is_string || is_array,
                "nonEmpty",
                v.at,
                "strings and arrays",
            )
        {
            raw.push((ConstraintKind::NonEmpty, v.at));
        }
        if let Some(v) = &p.min_items
            && need(self, is_array, "minItems", v.at, "arrays")
        {
            raw.push((ConstraintKind::MinItems { value: v.value }, v.at));
        }
        if let Some(v) = &p.max_items
            && need(self, is_array, "maxItems", v.at, "arrays")
        {
            raw.push((ConstraintKind::MaxItems { value: v.value }, v.at));
        }
        if let Some(v) = &p.minimum
            && need(self, is_number, "minimum", v.at, "numbers")
        {
            raw.push((ConstraintKind::Minimum { value: v.value }, v.at));
        }
        if let Some(v) = &p.maximum
            && need(self, is_number, "maximum", v.at, "numbers")
        {
            raw.push((ConstraintKind::Maximum { value: v.value }, v.at));
        }
        // min <= max
        for (lo, hi, what) in [
            (
                &p.min_length,
                &p.max_length,
                "minLength is greater than maxLength",
            ),
            (
                &p.min_items,
                &p.max_items,
                "minItems is greater than maxItems",
            ),
        ] {
            if let (Some(lo), Some(hi)) = (lo, hi)
                && lo.value > hi.value
            {
                let d = self.err(
                    "min-greater-than-max",
                    lo.at,
                    format!("{what} ({} > {})", lo.value, hi.value),
                );
                d.label = "the minimum".into();
                *d = d.clone().related(hi.at, "the maximum");
            }
        }
        if let (Some(lo), Some(hi)) = (&p.minimum, &p.maximum)
            && lo.value > hi.value
        {
            let d = self.err(
                "min-greater-than-max",
                lo.at,
                format!(
                    "minimum is greater than maximum ({} > {})",
                    lo.value, hi.value
                ),
            );
            d.label = "the minimum".into();
            *d = d.clone().related(hi.at, "the maximum");
        }

        // Citations.
        let present: BTreeSet<&str> = raw.iter().map(|(k, _)| k.keyword()).collect();
        // Keys written in the spec, valid or not: a citation of an invalid constraint is not
        // itself wrong (the constraint already has its own diagnostic).
        // `enum` and `default` are not constraints of the model, but a sentence may back them
        // (and `import` proposes them from one).
        let written: BTreeSet<&str> = spec::Param::CITABLE
            .iter()
            .copied()
            .filter(|k| p.has(k))
            .collect();
        let mut says: BTreeMap<&str, String> = BTreeMap::new();
        for c in &p.citations {
            for kw in &c.backs {
                if present.contains(kw.value.as_str()) {
                    let entry = says
                        .entry(present.get(kw.value.as_str()).copied().unwrap_or_default())
                        .or_default();
                    if !entry.is_empty() {
                        entry.push(' ');
                    }
                    entry.push_str(c.says.value.trim());
                } else if !written.contains(kw.value.as_str()) {
                    let msg = format!(
                        "citation backs `{}`, which `{}` does not have",
                        kw.value, p.name.value
                    );
                    let d = self.err("citation-unknown-constraint", kw.at, msg);
                    d.label = "no such constraint on this parameter".into();
                    let cands: Vec<String> = written.iter().map(|s| s.to_string()).collect();
                    if let Some(s) = did_you_mean(&kw.value, &cands) {
                        d.help = Some(format!("did you mean `{s}`?"));
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (kind, at) in raw {
            let cited = says.get(kind.keyword()).cloned();
            // A constraint stated as data in the vendor's metadata cites no sentence: a
            // provenance entry about it names its source instead.
            let sourced = p
                .provenance
                .iter()
                .any(|pr| pr.about.value == kind.keyword());
            if self.warnings && cited.is_none() && !sourced {
                let msg = format!(
                    "`{}` on `{}` does not cite the sentence it comes from",
                    kind.keyword(),
                    p.name.value
                );
                let d = self.warn("uncited-constraint", at, msg);
                d.label = "uncited".into();
                d.help = Some(format!(
                    "add `citations: [{{says: \"...\", for: [{}]}}]`",
                    kind.keyword()
                ));
            }
            out.push(Constraint { kind, says: cited });
        }
        out
    }

    fn charset(&mut self, v: &Spanned<spec::CharSet>) -> Option<model::CharSet> {
        let mut classes = Vec::new();
        let mut ok = true;
        for c in &v.value.classes {
            match CharClass::ALL.iter().find(|(n, _)| *n == c.value) {
                Some((_, k)) => classes.push(*k),
                None => {
                    ok = false;
                    let names: Vec<String> =
                        CharClass::ALL.iter().map(|(n, _)| n.to_string()).collect();
                    let d = self.err(
                        "unknown-char-class",
                        c.at,
                        format!("unknown character class `{}`", c.value),
                    );
                    d.label = "not a known class".into();
                    d.help = Some(match did_you_mean(&c.value, &names) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("known classes: {}", names.join(", ")),
                    });
                }
            }
        }
        if classes.is_empty() && v.value.chars.is_empty() && ok {
            self.err("empty-value", v.at, "an empty character set allows nothing")
                .label = "empty set".into();
            return None;
        }
        ok.then_some(model::CharSet {
            classes,
            chars: v.value.chars.clone(),
        })
    }
}
