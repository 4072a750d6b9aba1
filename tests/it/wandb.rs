//! Weights & Biases against a stand-in GraphQL server (no W&B server can run here: it is
//! closed source and ships only as licensed container images). The stand-in is checked
//! against the official SDK (`sdk`), clearance's client against the stand-in (`backend`), and
//! the binary's W&B commands end to end (`cli`).

mod backend;
mod cli;
mod sdk;
mod standin;
