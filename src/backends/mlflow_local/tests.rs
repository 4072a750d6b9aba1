//! Reads and writes over a copy of the demo store.
