//! The WebAssembly binding: one stateful `Playground`.
