//! Pages whose code the browser loads only when it shows them (`cargo leptos build --split`):
//! everything but the contestant's path (home, sign-in, rounds, quiz, result), so a civil
//! servant's phone downloads only what the quiz needs.
//!
//! The pages load in groups, one WebAssembly module per kind of user and device: the code pages
//! of one group share (tables, forms, their server functions) travels with them instead of being
//! cut into a chunk for every combination of pages that uses it, and the loader every visitor
//! downloads lists a few modules instead of hundreds.

use crate::pages::{
    organizer::{
        AccountsPage as OrganizerAccountsPage, CorrectionPage as OrganizerCorrectionPage,
        DashboardPage as OrganizerDashboardPage, ItemStatsPage as OrganizerItemStatsPage,
        QuestionPage as OrganizerQuestionPage, QuestionsPage as OrganizerQuestionsPage,
        RosterPage as OrganizerRosterPage, RoundEditPage as OrganizerRoundEditPage,
        RoundsPage as OrganizerRoundsPage, UnitsPage as OrganizerUnitsPage,
    },
    *,
};
use leptos::prelude::*;
use leptos_router::LazyRoute;

macro_rules! lazy_groups {
    ($(
        $(#[$meta:meta])*
        $group:ident, $view:ident, $preload:ident { $($name:ident => $page:ident),* $(,)? }
    )*) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy)]
        pub enum $group {
            $(
                #[doc = concat!("[`", stringify!($page), "`].")]
                $name,
            )*
        }

        #[leptos::lazy]
        fn $view(page: $group) -> AnyView {
            match page {
                $($group::$name => view! { <$page/> }.into_any(),)*
            }
        }

        $(
            #[doc = concat!("The lazily loaded [`", stringify!($page), "`].")]
            pub struct $name;

            impl LazyRoute for $name {
                fn data() -> Self {
                    $name
                }

                async fn view(_this: Self) -> AnyView {
                    $view($group::$name).await
                }

                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )*
    )*};
}

lazy_groups! {
    /// Pages anyone may open before signing in: registering and the rules.
    Visitor, visitor_view, __preload_visitor_view {
        Register => RegisterPage,
        Rules => RulesPage,
    }
    /// Published results (phones and projectors alike).
    Published, published_view, __preload_published_view {
        RoundResults => RoundResultsPage,
        StageResults => StageResultsPage,
        AllRounds => AllRoundsPage,
    }
    /// The organizers' pages, on a laptop: setup, the bank, rounds, the stage desk, printing.
    Organizer, organizer_view, __preload_organizer_view {
        Dashboard => OrganizerDashboardPage,
        Units => OrganizerUnitsPage,
        Accounts => OrganizerAccountsPage,
        Questions => OrganizerQuestionsPage,
        ItemStats => OrganizerItemStatsPage,
        Question => OrganizerQuestionPage,
        Correction => OrganizerCorrectionPage,
        Rounds => OrganizerRoundsPage,
        RoundEdit => OrganizerRoundEditPage,
        Roster => OrganizerRosterPage,
        Stage => StagePage,
        Audit => AuditPage,
        ResultsHub => ResultsHubPage,
        PrintRound => PrintRoundPage,
        PrintStage => PrintStagePage,
        Certificates => CertificatesPage,
        AudienceDesk => AudienceDeskPage,
        Tickets => TicketsPage,
        LiveList => LiveListPage,
        LiveHost => LiveHostPage,
    }
    /// The judges' and the secretary's pages, on a tablet at the stage.
    Judging, judging_view, __preload_judging_view {
        Judge => JudgePage,
        Sheet => SheetPage,
        StagePart => StagePartPage,
        Secretary => SecretaryPage,
    }
    /// What the projectors show.
    Screen, screen_view, __preload_screen_view {
        Projector => ProjectorPage,
        AudienceProjector => AudienceProjectorPage,
        LiveProjector => LiveProjectorPage,
    }
    /// The audience's vote, on their phones.
    Voting, voting_view, __preload_voting_view {
        Audience => AudiencePage,
    }
    /// A team's device in the live round.
    TeamDevice, team_view, __preload_team_view {
        Team => TeamPage,
    }
}
