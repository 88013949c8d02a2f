//! The `cloudspec` binary.
fn main() -> std::process::ExitCode {
    cloudspec::cli::main()
}
