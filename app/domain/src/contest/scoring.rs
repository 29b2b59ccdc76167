//! Scoring an attempt: a question counts when exactly the correct options were chosen.

/// Whether `chosen` (original option indexes, any order, no repeats expected) is exactly `correct`.
pub fn is_correct(chosen: &[usize], correct: &[usize]) -> bool {
    let mut chosen = chosen.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    let mut correct = correct.to_vec();
    correct.sort_unstable();
    !correct.is_empty() && chosen == correct
}

/// The number of questions answered correctly; an unanswered question scores nothing.
pub fn score<'a>(answers: impl IntoIterator<Item = (Option<&'a [usize]>, &'a [usize])>) -> u32 {
    answers.into_iter().filter(|(chosen, correct)| chosen.is_some_and(|c| is_correct(c, correct))).count()
        as u32
}

/// Maps options as displayed (positions 0..n on the contestant's screen) back to original indexes.
/// `None` when a position does not exist: the request was tampered with.
pub fn to_original(displayed: &[usize], option_order: &[usize]) -> Option<Vec<usize>> {
    let mut out: Vec<usize> =
        displayed.iter().map(|d| option_order.get(*d).copied()).collect::<Option<_>>()?;
    out.sort_unstable();
    out.dedup();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_counts_only_with_exactly_the_correct_options() {
        let cases: &[(&[usize], &[usize], bool)] = &[
            (&[1], &[1], true),
            (&[2], &[1], false),
            (&[0, 2], &[0, 2], true),
            (&[2, 0], &[0, 2], true),
            (&[0], &[0, 2], false),
            (&[0, 1, 2], &[0, 2], false),
            (&[], &[0], false),
        ];
        for (chosen, correct, expected) in cases {
            assert_eq!(is_correct(chosen, correct), *expected, "{chosen:?} vs {correct:?}");
        }
    }

    #[test]
    fn unanswered_questions_score_nothing() {
        let answers: Vec<(Option<&[usize]>, &[usize])> =
            vec![(Some(&[1]), &[1]), (None, &[0]), (Some(&[0, 3]), &[0, 3]), (Some(&[2]), &[3])];
        assert_eq!(score(answers), 2);
    }

    #[test]
    fn displayed_positions_map_back_through_the_shuffle_and_bad_ones_are_refused() {
        let order = [2, 0, 3, 1];
        assert_eq!(to_original(&[0], &order), Some(vec![2]));
        assert_eq!(to_original(&[3, 1], &order), Some(vec![0, 1]));
        assert_eq!(to_original(&[4], &order), None);
    }
}
