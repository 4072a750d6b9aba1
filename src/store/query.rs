//! MLflow's search language, as every backend reads it: the filter grammar ([`filter`]: lexer,
//! parser and AST, with MLflow's own messages), `order_by` clauses ([`order`]) and page
//! tokens ([`token`]).

pub mod filter;
pub mod order;
pub mod token;
