//! What is on screen, held in one value so that a combination the program never shows cannot
//! be stored either.
//!
//! The start screen stands alone: no tab and no dialog exist while it is shown. Over the tabs,
//! each tab keeps the view it shows while another tab is on screen (a comparison opened on
//! Runs is still there after a look at Models), a tab shows one view at a time (the Models
//! tab its list, a comparison, a history or the requests, never two), and at most one dialog sits on top.
//! Routing keys, acting, the footer's hints and drawing all ask [`App::top`] which view is
//! on top, and the dialog from [`Screen::popup`].

use super::compare::CompareScreen;
use super::history::HistoryScreen;
use super::popup::Popup;
use super::pr_detail::PrDetailScreen;
use super::requests::RequestsScreen;
use super::{App, Tab};

/// The whole view state.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// No tracking store is open: why (the screen says how to point clearance at one).
    Start { reason: String },
    /// The tabs, each with its view, and the dialog over them (boxed: the start screen is
    /// small, and the screen is one value for the life of the program).
    Tabs(Box<Views>),
}

impl Default for Screen {
    fn default() -> Self {
        Self::Tabs(Box::default())
    }
}

/// The view each tab shows, and the dialog on top of the current one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Views {
    pub runs: RunsView,
    pub models: ModelsView,
    pub alerts: AlertsView,
    pub prs: PrsView,
    /// The dialog over the current tab (tabs do not change while one is open).
    pub popup: Option<Popup>,
}

/// What the Runs tab shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum RunsView {
    #[default]
    List,
    /// A comparison of runs (against the baseline, or of marked runs).
    Compare(CompareScreen),
}

/// What the Models tab shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum ModelsView {
    #[default]
    List,
    /// A version against the production version.
    Compare(CompareScreen),
    /// A model's history of alias moves.
    History(HistoryScreen),
    /// The open promotion requests of the loaded models.
    Requests(RequestsScreen),
}

/// What the Alerts tab shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AlertsView {
    #[default]
    List,
    /// The chart of the selected alert.
    Chart,
}

/// What the Changes tab shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum PrsView {
    #[default]
    List,
    /// One change request with its jobs.
    Detail(PrDetailScreen),
}

/// The view on top of the current tab, under any dialog: what keys, actions and drawing
/// match on.
#[derive(Debug, Clone, Copy)]
pub enum Top<'a> {
    /// The start screen, with why it is shown.
    Start(&'a str),
    Runs,
    Models,
    Alerts,
    AlertChart,
    Prs,
    /// A change request's detail, over the Changes tab.
    PrDetail(&'a PrDetailScreen),
    /// A comparison, on the tab it was opened from (Runs or Models).
    Compare(Tab, &'a CompareScreen),
    History(&'a HistoryScreen),
    Requests(&'a RequestsScreen),
}

impl Screen {
    pub fn is_start(&self) -> bool {
        matches!(self, Self::Start { .. })
    }

    /// The tabs' views (`None` on the start screen).
    pub fn views(&self) -> Option<&Views> {
        match self {
            Self::Tabs(v) => Some(v.as_ref()),
            Self::Start { .. } => None,
        }
    }

    pub fn views_mut(&mut self) -> Option<&mut Views> {
        match self {
            Self::Tabs(v) => Some(v.as_mut()),
            Self::Start { .. } => None,
        }
    }

    /// The dialog on top, if any.
    pub fn popup(&self) -> Option<&Popup> {
        self.views()?.popup.as_ref()
    }

    pub fn popup_mut(&mut self) -> Option<&mut Popup> {
        self.views_mut()?.popup.as_mut()
    }

    /// Opens a dialog over the tabs (the start screen has none).
    pub fn open_popup(&mut self, popup: Popup) {
        if let Some(v) = self.views_mut() {
            v.popup = Some(popup);
        }
    }

    pub fn close_popup(&mut self) {
        if let Some(v) = self.views_mut() {
            v.popup = None;
        }
    }

    /// The comparison `tab` shows, even while another tab is on screen.
    pub fn compare(&self, tab: Tab) -> Option<&CompareScreen> {
        let v = self.views()?;
        match (tab, &v.runs, &v.models) {
            (Tab::Runs, RunsView::Compare(c), _) | (Tab::Models, _, ModelsView::Compare(c)) => {
                Some(c)
            }
            _ => None,
        }
    }

    pub fn compare_mut(&mut self, tab: Tab) -> Option<&mut CompareScreen> {
        let v = self.views_mut()?;
        match (tab, &mut v.runs, &mut v.models) {
            (Tab::Runs, RunsView::Compare(c), _) | (Tab::Models, _, ModelsView::Compare(c)) => {
                Some(c)
            }
            _ => None,
        }
    }

    /// The Models tab's history, even while another tab is on screen.
    pub fn history(&self) -> Option<&HistoryScreen> {
        match self.views()?.models {
            ModelsView::History(ref h) => Some(h),
            _ => None,
        }
    }

    pub fn history_mut(&mut self) -> Option<&mut HistoryScreen> {
        match self.views_mut()?.models {
            ModelsView::History(ref mut h) => Some(h),
            _ => None,
        }
    }

    /// The Models tab's Requests view, even while another tab is on screen.
    pub fn requests(&self) -> Option<&RequestsScreen> {
        match self.views()?.models {
            ModelsView::Requests(ref r) => Some(r),
            _ => None,
        }
    }

    pub fn requests_mut(&mut self) -> Option<&mut RequestsScreen> {
        match self.views_mut()?.models {
            ModelsView::Requests(ref mut r) => Some(r),
            _ => None,
        }
    }
}

impl App {
    /// The view on top of the current tab (under any dialog).
    pub fn top(&self) -> Top<'_> {
        let views = match &self.screen {
            Screen::Start { reason } => return Top::Start(reason),
            Screen::Tabs(v) => v,
        };
        match self.tab {
            Tab::Runs => match &views.runs {
                RunsView::List => Top::Runs,
                RunsView::Compare(c) => Top::Compare(Tab::Runs, c),
            },
            Tab::Models => match &views.models {
                ModelsView::List => Top::Models,
                ModelsView::Compare(c) => Top::Compare(Tab::Models, c),
                ModelsView::History(h) => Top::History(h),
                ModelsView::Requests(r) => Top::Requests(r),
            },
            Tab::Alerts => match views.alerts {
                AlertsView::List => Top::Alerts,
                AlertsView::Chart => Top::AlertChart,
            },
            Tab::Prs => match &views.prs {
                PrsView::List => Top::Prs,
                PrsView::Detail(d) => Top::PrDetail(d),
            },
        }
    }
}
