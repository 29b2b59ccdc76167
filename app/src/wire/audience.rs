//! The audience's phone page, the vote projector and the organizers' audience desk.

use serde::{Deserialize, Serialize};

/// What phones follow (`/su-kien/khan-gia/dien-thoai`): the vote opened or closed, a question
/// opened. Votes and answers raise no event: the projector and the desk poll the tally, so a hall
/// voting at once does not make every phone fetch again.
pub const AUDIENCE_TOPIC: &str = "audience:phones";

/// An audience question as a phone sees it: the key only once the time is up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneQuestion {
    pub id: i32,
    pub text: String,
    pub options: Vec<String>,
    /// Time left to answer (0 once closed).
    pub remaining_ms: i64,
    pub my_answer: Option<usize>,
    /// The right option, once the question is closed.
    pub correct: Option<usize>,
    /// Whether this phone won the draw, once drawn (decided by the server, shown on the phone:
    /// the proof a winner shows at the stage).
    #[serde(default)]
    pub won: Option<bool>,
}

/// The phone page: the vote and the current audience question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneView {
    pub vote_open: bool,
    pub tickets_required: bool,
    pub teams: Vec<(i32, String)>,
    /// The team this phone voted for.
    pub my_vote: Option<String>,
    /// The phone's short code (to claim an audience prize), once it has voted or answered.
    pub my_code: Option<String>,
    pub question: Option<PhoneQuestion>,
}

/// The live tally for the projector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub open: bool,
    pub closed_once: bool,
    pub total: u32,
    /// (team, votes), most first.
    pub teams: Vec<(String, u32)>,
    /// The phone page's short address, e.g. "hoithi.binhdinh.gov.vn/binh-chon".
    #[serde(default)]
    pub address: String,
}

/// An audience question on the organizers' desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskQuestion {
    pub id: i32,
    pub code: String,
    pub text: String,
    pub options: Vec<String>,
    pub correct: Option<usize>,
    pub seconds: i32,
    /// "chưa mở", "đang mở", "đã đóng".
    pub state: String,
    pub open: bool,
    pub closed: bool,
    pub answers: u32,
    pub right: u32,
    /// The first right answers: (phone code, seconds after opening as "3,2 giây").
    pub first_right: Vec<(String, String)>,
    pub seed: Option<i64>,
    pub winners: Vec<String>,
}

/// The organizers' audience desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Desk {
    pub open: bool,
    pub closed_once: bool,
    pub tickets_required: bool,
    pub per_address: u32,
    pub tally: Tally,
    pub tickets: u32,
    pub tickets_used: u32,
    pub questions: Vec<DeskQuestion>,
}
