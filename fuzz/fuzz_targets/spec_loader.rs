//! The spec loader and checker never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut loaded = cloudspec::load::Loaded::default();
    cloudspec::load::load_bytes("fuzz.yaml", data, &mut loaded);
    let checked = cloudspec::check::check(&loaded.specs);
    // Rendering must not panic either (spans may point anywhere in the text).
    let mut all = loaded.diagnostics;
    all.extend(checked.diagnostics);
    let _ = loaded.sources.render(&all);
});
