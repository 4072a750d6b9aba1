//! Data that is being fetched, has arrived, or failed, and the slot a replaceable request
//! keeps it in.

use super::msg::{Ticket, Tickets};

/// The state of one piece of remote data.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Loadable<T> {
    /// Not asked for yet.
    #[default]
    Idle,
    Loading,
    Loaded(T),
    /// The fetch failed; the message says why and what to do.
    Failed(String),
}

impl<T> Loadable<T> {
    pub fn loaded(&self) -> Option<&T> {
        match self {
            Self::Loaded(t) => Some(t),
            _ => None,
        }
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, Self::Loading)
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            Self::Failed(e) => Some(e),
            _ => None,
        }
    }
}

/// Data fetched by a request that a newer request replaces: the newest request's ticket and
/// what is shown. An answer carrying any other ticket is dropped, so a slow old answer never
/// overwrites a newer one; data already shown stays while a refresh is on its way, and a
/// failed refresh keeps it (the caller then says so elsewhere, in a toast).
///
/// Reads go through to the [`Loadable`] (`slot.loaded()`, `slot.is_loading()`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Slot<T> {
    ticket: Ticket,
    state: Loadable<T>,
}

impl<T> Slot<T> {
    /// The ticket of the newest request.
    pub fn ticket(&self) -> Ticket {
        self.ticket
    }

    /// Starts a request under a new ticket, which it returns: `Loading` unless something is
    /// shown already.
    pub fn request(&mut self, tickets: &mut Tickets) -> Ticket {
        let ticket = tickets.issue();
        self.ticket = ticket;
        if self.state.loaded().is_none() {
            self.state = Loadable::Loading;
        }
        ticket
    }

    /// Whether an answer under `ticket` answers the newest request.
    pub fn expects(&self, ticket: Ticket) -> bool {
        ticket == self.ticket
    }

    /// The data shown, to change in place (an answer the app already knows the effect of).
    pub fn loaded_mut(&mut self) -> Option<&mut T> {
        match &mut self.state {
            Loadable::Loaded(t) => Some(t),
            _ => None,
        }
    }

    /// Shows data that arrived.
    pub fn set(&mut self, data: T) {
        self.state = Loadable::Loaded(data);
    }

    /// Takes a failure: shown in place when nothing else is shown (true); otherwise the data
    /// shown stays (false), and the caller decides how else to say it.
    pub fn fail(&mut self, error: String) -> bool {
        let inline = self.state.loaded().is_none();
        if inline {
            self.state = Loadable::Failed(error);
        }
        inline
    }
}

impl<T> std::ops::Deref for Slot<T> {
    type Target = Loadable<T>;

    fn deref(&self) -> &Loadable<T> {
        &self.state
    }
}

/// For edits in place (and tests that put a state there directly).
impl<T> std::ops::DerefMut for Slot<T> {
    fn deref_mut(&mut self) -> &mut Loadable<T> {
        &mut self.state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_keeps_what_it_shows_until_the_newest_answer_replaces_it() {
        let mut tickets = Tickets::default();
        let mut slot: Slot<u8> = Slot::default();
        let first = slot.request(&mut tickets);
        assert!(slot.is_loading() && slot.expects(first));
        slot.set(1);
        let second = slot.request(&mut tickets);
        // A refresh keeps the data on screen, and only its own answer counts.
        assert_eq!(slot.loaded(), Some(&1));
        assert!(!slot.expects(first) && slot.expects(second));
        // A failed refresh keeps it too, and says the failure was not shown in place.
        assert!(!slot.fail("down".into()));
        assert_eq!(slot.loaded(), Some(&1));
    }

    #[test]
    fn a_slot_with_nothing_to_show_shows_the_failure() {
        let mut slot: Slot<u8> = Slot::default();
        slot.request(&mut Tickets::default());
        assert!(slot.fail("down".into()));
        assert_eq!(slot.error(), Some("down"));
    }
}
