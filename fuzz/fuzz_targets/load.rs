#![no_main]
//! Loader and validator: arbitrary bytes must give a dataset or a list of
//! problems, never a panic, and problems must print without control characters.

use libfuzzer_sys::fuzz_target;
use stratlens::model::{Input, load_inputs};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = load_inputs(vec![Input::new("fuzz.json", text.to_string())]) {
        assert!(!e.problems.is_empty());
        let report = e.to_string();
        assert!(!report.chars().any(|c| c.is_control() && c != '\n'));
    }
});
