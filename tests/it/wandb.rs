//! Weights & Biases against a stand-in GraphQL server (no W&B server can run here: it is
//! closed source and ships only as licensed container images). The stand-in is checked
//! against the official SDK (`sdk`), clearance's client against the stand-in (`backend`), and
//! the binary end to end: its commands (`cli`) and the TUI in tmux (`tui`).

mod backend;
mod cli;
mod sdk;
mod standin;
mod tui;
