//! A `runs/search` answer read as it arrives, one run record at a time.
//!
//! A page of 1,000 runs is about 2.9 MB of pretty-printed JSON, and a partitioned listing has
//! several pages in flight: read whole, the answers were the largest part of a listing's
//! memory. Here each chunk of the body is scanned as it comes; the bytes of one record of the
//! `runs` list are gathered, parsed and converted to a [`Run`] as soon as the record closes,
//! and everything else (the object around the list, `next_page_token`) is kept as a small
//! *skeleton*, `{"runs": [], ...}`, read with the same DTO as a whole answer once the body
//! ended. So an answer holds one record of text at a time, and reads exactly as
//! [`SearchRunsResponse`] reads the whole body: the same runs, the same token, and a refusal
//! for what it refuses (a truncated body, a record of the wrong shape, text after the end).

use serde::de::Error as _;

use super::convert;
use super::dto::{RunDto, SearchRunsResponse};
use crate::domain::Run;

/// The depth of the `runs` list's records: inside the answer's object and the list.
const LIST_DEPTH: usize = 2;

/// The largest answer read: a page of 1,000 runs is about 3 MB, and MLflow answers at most
/// 50,000 runs a page. A server that sends more (or never stops) is refused, not followed
/// until memory runs out.
const MAX_ANSWER: usize = crate::backends::http::MAX_BODY;

/// The largest record of one run read (MLflow caps a tag at 8,000 characters, a param at
/// 6,000, and a run's fields at a few hundred): beyond it, the answer is refused.
const MAX_RECORD: usize = 16 << 20;

/// A record buffer grown past this is let go once its record is read, rather than kept for
/// the rest of the page.
const KEEP_RECORD: usize = 1 << 20;

/// An answer being read.
#[derive(Debug, Default)]
pub struct RunsReader {
    /// The answer without the records of its `runs` list.
    skeleton: Vec<u8>,
    /// The text of the record being read.
    record: Vec<u8>,
    runs: Vec<Run>,
    bytes: usize,
    scan: Scan,
    at: At,
    /// Where the last string opened in the answer's object starts in the skeleton: the key
    /// a list after it belongs to.
    key_at: usize,
}

/// Where the reader is, relative to the `runs` list.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Outside the list (before or after it).
    #[default]
    Outside,
    /// In the list between records: `records` read so far, `comma` seen since the last.
    Between { records: bool, comma: bool },
    /// In a record.
    Record,
}

/// What the scanner knows of the JSON read so far: nesting and strings.
#[derive(Debug, Default, Clone, Copy)]
struct Scan {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl Scan {
    fn step(&mut self, b: u8) {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
            return;
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
    }
}

impl RunsReader {
    /// Reads the next chunk of the body.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), serde_json::Error> {
        self.bytes += chunk.len();
        if self.bytes > MAX_ANSWER {
            return Err(serde_json::Error::custom(format_args!(
                "the answer is larger than {} MB",
                MAX_ANSWER >> 20
            )));
        }
        let mut rest = chunk;
        while let Some(&b) = rest.first() {
            if self.at == At::Record && (self.scan.in_string || self.scan.depth > LIST_DEPTH) {
                let (used, closed) = self.record_text(rest);
                self.record.extend_from_slice(&rest[..used]);
                if self.record.len() > MAX_RECORD {
                    return Err(serde_json::Error::custom(format_args!(
                        "a run's record is larger than {} MB",
                        MAX_RECORD >> 20
                    )));
                }
                rest = &rest[used..];
                if closed {
                    self.close_record()?;
                }
            } else {
                self.byte(b)?;
                rest = &rest[1..];
            }
        }
        Ok(())
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The page, once the body ended.
    pub fn finish(self) -> Result<SearchRunsResponse, serde_json::Error> {
        // A list or record left open is a skeleton left open: the parser names it.
        let mut page: SearchRunsResponse = serde_json::from_slice(&self.skeleton)?;
        if !self.runs.is_empty() {
            page.runs = self.runs;
        }
        Ok(page)
    }

    fn byte(&mut self, b: u8) -> Result<(), serde_json::Error> {
        match self.at {
            At::Outside => {
                let in_object = !self.scan.in_string && self.scan.depth == LIST_DEPTH - 1;
                if in_object && b == b'"' {
                    self.key_at = self.skeleton.len();
                }
                if in_object && b == b'[' && names_runs(&self.skeleton[self.key_at..]) {
                    self.at = At::Between {
                        records: false,
                        comma: false,
                    };
                }
                self.scan.step(b);
                self.skeleton.push(b);
            }
            At::Between { records, comma } => match b {
                b' ' | b'\t' | b'\n' | b'\r' => {}
                b',' if records && !comma => {
                    self.at = At::Between {
                        records,
                        comma: true,
                    };
                }
                b']' if !comma => {
                    self.scan.step(b);
                    self.skeleton.push(b);
                    self.at = At::Outside;
                }
                b',' | b']' | b'}' => return Err(misplaced(b)),
                _ if records && !comma => return Err(misplaced(b)),
                _ => {
                    self.at = At::Record;
                    self.record_byte(b)?;
                }
            },
            At::Record => {
                let scalar_ends = !self.scan.in_string
                    && self.scan.depth == LIST_DEPTH
                    && matches!(b, b',' | b']' | b' ' | b'\t' | b'\n' | b'\r');
                if scalar_ends {
                    // A record that is not an object (a number, `null`): refused as a run.
                    self.close_record()?;
                    return self.byte(b);
                }
                self.record_byte(b)?;
            }
        }
        Ok(())
    }

    /// Scans `text`, the inside of a record (an object, a list or a string), up to where the
    /// record closes: the bytes it takes and whether the record closed. Only the bytes that
    /// open or close something are looked at one by one: a record is mostly text in strings
    /// and indentation.
    fn record_text(&mut self, text: &[u8]) -> (usize, bool) {
        let mut i = 0;
        while i < text.len() {
            if self.scan.escaped {
                self.scan.escaped = false;
                i += 1;
                continue;
            }
            let marks = if self.scan.in_string {
                &IN_STRING
            } else {
                &STRUCTURE
            };
            while i < text.len() && !marks[usize::from(text[i])] {
                i += 1;
            }
            let Some(&b) = text.get(i) else {
                break;
            };
            self.scan.step(b);
            i += 1;
            if !self.scan.in_string && self.scan.depth == LIST_DEPTH {
                return (i, true);
            }
        }
        (i, false)
    }

    fn record_byte(&mut self, b: u8) -> Result<(), serde_json::Error> {
        self.record.push(b);
        self.scan.step(b);
        if !self.scan.in_string && self.scan.depth < LIST_DEPTH {
            // A bracket closing more than the record opened (`[1}`).
            return Err(misplaced(b));
        }
        let closed = !self.scan.in_string
            && self.scan.depth == LIST_DEPTH
            && matches!(b, b'}' | b']' | b'"');
        if closed {
            self.close_record()?;
        }
        Ok(())
    }

    fn close_record(&mut self) -> Result<(), serde_json::Error> {
        let dto: RunDto = serde_json::from_slice(&self.record)?;
        self.runs.push(convert::run(dto));
        if self.record.capacity() > KEEP_RECORD {
            self.record = Vec::new();
        } else {
            self.record.clear();
        }
        self.at = At::Between {
            records: true,
            comma: false,
        };
        Ok(())
    }
}

/// The bytes that open or close something outside strings, and inside them.
const STRUCTURE: [bool; 256] = marks(b"\"{}[]");
const IN_STRING: [bool; 256] = marks(b"\"\\");

const fn marks(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// Whether `text`, from the last string opened in the answer's object on, is the key
/// `"runs"` and its colon: the list that follows is the runs. (A key spelled with escapes is
/// not recognized; its list is then left in the skeleton, which reads it all the same.)
fn names_runs(text: &[u8]) -> bool {
    text.trim_ascii_end()
        .strip_suffix(b":")
        .is_some_and(|t| t.trim_ascii_end() == b"\"runs\"")
}

fn misplaced(b: u8) -> serde_json::Error {
    serde_json::Error::custom(format_args!(
        "unexpected '{}' in the list of runs",
        char::from(b)
    ))
}

#[cfg(test)]
mod tests;
