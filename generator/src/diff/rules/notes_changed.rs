//! `notes-changed`: the rules an operation documents but the client cannot check (quotas,
//! regions, lifecycle) changed. They are listed in the request type's rustdoc.

use crate::diff::{Emit, Subject, code};
use crate::model::Note;

/// The first words of a sentence, for messages.
pub(crate) fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 60 {
        return flat;
    }
    let cut: String = flat.chars().take(57).collect();
    format!("{}…", cut.trim_end())
}

fn show(n: &Note) -> String {
    let mut s = format!("{} note {}", code(&n.kind), code(&excerpt(&n.says)));
    if let Some(l) = n.limit {
        s.push_str(&format!(" (limit {l})"));
    }
    s
}

pub(super) fn check(s: &Subject<'_>, e: &mut Emit<'_>) {
    let Subject::Operation { scope, old, new } = *s else {
        return;
    };
    let at = || scope.at("notes", Some(&old.loc), Some(&new.loc));
    let effect = format!(
        "the \"Rules the client does not check\" section of `{}`'s rustdoc changes",
        scope.request()
    );
    for o in &old.notes {
        if new.notes.contains(o) {
            continue;
        }
        match new
            .notes
            .iter()
            .find(|n| n.says == o.says && !old.notes.contains(n))
        {
            Some(n) => e.push(
                at(),
                format!("{} changed to {}", show(o), show(n)),
                effect.clone(),
            ),
            None => e.push(at(), format!("{} removed", show(o)), effect.clone()),
        }
    }
    for n in &new.notes {
        if !old.notes.contains(n) && !old.notes.iter().any(|o| o.says == n.says) {
            e.push(at(), format!("{} added", show(n)), effect.clone());
        }
    }
}
