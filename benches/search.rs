//! Placeholder; the benches follow.
fn main() {}
