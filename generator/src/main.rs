//! The `cloudspec` binary.

// Generation builds and drops many small syntax-tree nodes; mimalloc serves those faster than
// the system allocator (measured in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cloudspec::cli::main()
}
