//! Opens the explorer on the embedded dataset (until the CLI wires it in).
//! `cargo run --example tui_demo [-- QUERY]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let store = stratlens::model::load_embedded().map_err(|e| format!("{e:?}"))?;
    let opts = stratlens::term::event_loop::Options {
        no_color: false,
        query: std::env::args().nth(1),
        ..Default::default()
    };
    stratlens::term::event_loop::run(store, opts)
}
