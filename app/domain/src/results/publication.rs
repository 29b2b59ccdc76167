//! When a board may be published: what the rules imply must be finished first. Each blocker
//! carries the sentence organizers see beside the disabled button.

/// Why an online round's results cannot be published yet.
pub fn round_blocker(closed: bool, prizes_confirmed: bool) -> Option<&'static str> {
    if !closed {
        Some("Vòng thi chưa kết thúc: chưa thể công bố kết quả.")
    } else if !prizes_confirmed {
        Some("Cần xác nhận danh sách giải trước khi công bố.")
    } else {
        None
    }
}

/// Why the final's ranking cannot be published yet: every judged part must be published, no
/// live round may still be running, and the prize list must be confirmed.
pub fn final_blocker(
    unpublished_parts: &[String],
    live_running: bool,
    prizes_confirmed: bool,
) -> Option<String> {
    if !unpublished_parts.is_empty() {
        Some(format!(
            "Chưa thể công bố xếp hạng chung cuộc: các phần thi chưa khoá và công bố: {}.",
            unpublished_parts.join("; ")
        ))
    } else if live_running {
        Some("Chưa thể công bố xếp hạng chung cuộc: phần thi kiến thức trực tiếp chưa kết thúc.".to_owned())
    } else if !prizes_confirmed {
        Some("Cần xác nhận danh sách giải trước khi công bố xếp hạng chung cuộc.".to_owned())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_is_published_only_once_closed_and_its_prizes_confirmed() {
        assert!(round_blocker(false, true).is_some_and(|r| r.contains("chưa kết thúc")));
        assert!(round_blocker(true, false).is_some_and(|r| r.contains("xác nhận danh sách giải")));
        assert_eq!(round_blocker(true, true), None);
    }

    #[test]
    fn the_final_waits_for_every_part_the_live_round_and_the_prize_list() {
        let parts = vec!["Chào hỏi".to_owned(), "Tiểu phẩm".to_owned()];
        let why = final_blocker(&parts, false, true).unwrap_or_default();
        assert!(why.contains("Chào hỏi; Tiểu phẩm"), "{why}");
        assert!(final_blocker(&[], true, true).is_some_and(|r| r.contains("trực tiếp")));
        assert!(final_blocker(&[], false, false).is_some_and(|r| r.contains("xác nhận")));
        assert_eq!(final_blocker(&[], false, true), None);
    }
}
