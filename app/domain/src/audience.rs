//! The audience in the hall: one vote per phone for a team (giải khán giả bình chọn), and the
//! host's audience questions, with winners drawn at random among the right answers by a kept seed
//! so anyone can check the draw.

use rand::{SeedableRng, seq::SliceRandom};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The audience vote's settings and state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteSettings {
    pub open: bool,
    /// Once voting has been closed, the tally decides the audience favourite.
    #[serde(default)]
    pub closed_once: bool,
    /// Each vote needs a one-time code printed on a ticket.
    #[serde(default)]
    pub tickets_required: bool,
    /// Votes from one network address at most (a hall's Wi-Fi puts many phones behind one).
    #[serde(default = "default_per_address")]
    pub per_address: u32,
}

fn default_per_address() -> u32 {
    300
}

impl Default for VoteSettings {
    fn default() -> Self {
        Self { open: false, closed_once: false, tickets_required: false, per_address: default_per_address() }
    }
}

/// Why a vote is not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteRefusal {
    Closed,
    /// This phone already voted for another team (its name).
    AlreadyVoted(String),
    AddressLimit,
    TicketNeeded,
    TicketInvalid,
}

impl VoteRefusal {
    pub fn message(&self) -> String {
        match self {
            VoteRefusal::Closed => "Bình chọn chưa mở hoặc đã đóng.".to_owned(),
            VoteRefusal::AlreadyVoted(team) => {
                format!("Điện thoại này đã bình chọn cho {team}; mỗi điện thoại chỉ được bình chọn một lần.")
            }
            VoteRefusal::AddressLimit => {
                "Mạng bạn đang dùng đã gửi quá nhiều phiếu bình chọn; hãy dùng dữ liệu di động hoặc hỏi Ban tổ chức."
                    .to_owned()
            }
            VoteRefusal::TicketNeeded => "Hãy nhập mã bình chọn in trên vé của bạn.".to_owned(),
            VoteRefusal::TicketInvalid => "Mã bình chọn không đúng hoặc đã được dùng.".to_owned(),
        }
    }
}

/// What happens to a vote, before the ticket (if any) is checked: `Ok(true)` takes a new vote,
/// `Ok(false)` repeats this phone's vote for the same team (nothing changes).
pub fn judge_vote(
    settings: &VoteSettings,
    existing: Option<(i64, &str)>,
    team: i64,
    from_address: u32,
    has_ticket: bool,
) -> Result<bool, VoteRefusal> {
    match existing {
        Some((t, _)) if t == team => return Ok(false),
        Some((_, name)) => return Err(VoteRefusal::AlreadyVoted(name.to_owned())),
        None => {}
    }
    if !settings.open {
        return Err(VoteRefusal::Closed);
    }
    if settings.tickets_required {
        if !has_ticket {
            return Err(VoteRefusal::TicketNeeded);
        }
    } else if from_address >= settings.per_address {
        return Err(VoteRefusal::AddressLimit);
    }
    Ok(true)
}

/// The network a vote or answer counts against: an IPv4 address (also when written as an
/// IPv4-mapped IPv6 address), or the /64 prefix of an IPv6 address (one device can use any
/// address of its /64). Anything else is kept as given.
pub fn network_of(address: &str) -> String {
    use std::net::IpAddr;
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => address.chars().take(64).collect(),
    }
}

/// Letters and digits that cannot be mistaken for one another when read off paper or a screen.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A one-time ticket code: 8 characters (about 40 bits).
pub fn ticket_code(rng: &mut impl rand::Rng) -> String {
    (0..8).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

/// A ticket code as typed: spaces and dashes dropped, upper case; `None` if it cannot be one.
pub fn normalize_ticket(raw: &str) -> Option<String> {
    let code: String =
        raw.chars().filter(|c| !matches!(c, ' ' | '-')).map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == 8 && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// The short code a phone shows its owner (to claim an audience prize): 5 characters derived from
/// the phone's secret token, which itself is never shown.
pub fn voter_code(token: &str) -> String {
    // FNV-1a: stable across builds and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in token.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..5).map(|i| ALPHABET[((h >> (i * 12)) % ALPHABET.len() as u64) as usize] as char).collect()
}

/// Whether an answer at `now_ms` falls within a question opened at `opened_ms` for `seconds`.
pub fn in_time(opened_ms: i64, seconds: i64, now_ms: i64) -> bool {
    now_ms >= opened_ms && now_ms <= opened_ms + seconds * 1000
}

/// Winners drawn among `eligible` (in the order they answered): `count` distinct ones, the same
/// for the same seed and list, so a kept seed lets anyone re-run the draw.
pub fn draw_winners<T: Clone>(eligible: &[T], count: usize, seed: u64) -> Vec<T> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    eligible.choose_multiple(&mut rng, count.min(eligible.len())).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> VoteSettings {
        VoteSettings { open: true, ..VoteSettings::default() }
    }

    #[test]
    fn one_vote_per_phone_and_repeating_it_changes_nothing() {
        assert_eq!(judge_vote(&open(), None, 7, 0, false), Ok(true));
        assert_eq!(judge_vote(&open(), Some((7, "Đội A")), 7, 5, false), Ok(false), "the same vote again");
        assert_eq!(
            judge_vote(&open(), Some((7, "Đội A")), 8, 5, false),
            Err(VoteRefusal::AlreadyVoted("Đội A".into()))
        );
        // After closing, a phone that voted still sees its vote accepted as before.
        let closed = VoteSettings { open: false, ..open() };
        assert_eq!(judge_vote(&closed, Some((7, "Đội A")), 7, 0, false), Ok(false));
        assert_eq!(judge_vote(&closed, None, 7, 0, false), Err(VoteRefusal::Closed));
    }

    #[test]
    fn addresses_are_limited_unless_tickets_are_required() {
        let limited = VoteSettings { per_address: 3, ..open() };
        assert_eq!(judge_vote(&limited, None, 1, 2, false), Ok(true));
        assert_eq!(judge_vote(&limited, None, 1, 3, false), Err(VoteRefusal::AddressLimit));
        let tickets = VoteSettings { tickets_required: true, ..limited };
        assert_eq!(judge_vote(&tickets, None, 1, 3, false), Err(VoteRefusal::TicketNeeded));
        assert_eq!(judge_vote(&tickets, None, 1, 300, true), Ok(true), "a ticket is the limit");
    }

    #[test]
    fn ticket_codes_are_read_back_as_printed() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let code = ticket_code(&mut rng);
        assert_eq!(code.len(), 8);
        assert_eq!(normalize_ticket(&code), Some(code.clone()));
        let typed = format!("{}-{} ", &code[..4].to_lowercase(), &code[4..]);
        assert_eq!(normalize_ticket(&typed), Some(code));
        assert_eq!(normalize_ticket("ABCD0O1I"), None, "0, O, 1 and I are never printed");
        assert_eq!(normalize_ticket("ABC"), None);
    }

    #[test]
    fn ipv6_counts_by_its_64_prefix_and_mapped_ipv4_as_ipv4() {
        assert_eq!(network_of("2001:db8:1:2:aaaa::1"), network_of("2001:db8:1:2:bbbb::9"));
        assert_ne!(network_of("2001:db8:1:2::1"), network_of("2001:db8:1:3::1"));
        assert_eq!(network_of("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(network_of("203.0.113.7"), "203.0.113.7");
        assert_eq!(network_of("unknown"), "unknown");
    }

    #[test]
    fn a_phone_code_is_stable_and_short() {
        assert_eq!(voter_code("abc"), voter_code("abc"));
        assert_ne!(voter_code("abc"), voter_code("abd"));
        assert_eq!(voter_code("abc").len(), 5);
    }

    #[test]
    fn answers_count_only_while_the_question_is_open() {
        assert!(in_time(1_000, 20, 1_000));
        assert!(in_time(1_000, 20, 21_000));
        assert!(!in_time(1_000, 20, 21_001));
        assert!(!in_time(1_000, 20, 999));
    }

    #[test]
    fn a_kept_seed_gives_the_same_distinct_winners() {
        let right: Vec<u32> = (1..=40).collect();
        let a = draw_winners(&right, 3, 42);
        assert_eq!(a, draw_winners(&right, 3, 42), "re-running the draw gives the same winners");
        assert_eq!(a.len(), 3);
        let mut distinct = a.clone();
        distinct.dedup();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 3);
        assert!(a.iter().all(|w| right.contains(w)));
        assert_ne!(a, draw_winners(&right, 3, 43), "another seed, another draw");
        assert_eq!(draw_winners(&[5u32, 6], 5, 1).len(), 2, "never more winners than right answers");
        assert!(draw_winners::<u32>(&[], 3, 1).is_empty());
    }
}
