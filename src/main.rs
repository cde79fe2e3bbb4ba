// mimalloc: loading a large dataset makes millions of small allocations
// (a cold load's parsed claims, a warm open's sources), which it serves
// faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(stratlens::cli::main());
}
