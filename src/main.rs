fn main() {
    std::process::exit(stratlens::cli::main());
}
