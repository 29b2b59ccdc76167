//! Pages whose code the browser loads only when it shows them (a separate wasm chunk each, with a
//! `cargo leptos build --split`): everything but the contestant's path (home, sign-in, rounds,
//! quiz, result), so a civil servant's phone downloads only what the quiz needs.

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
use leptos_router::{LazyRoute, lazy_route};

macro_rules! lazy_pages {
    ($($name:ident => $page:ident),* $(,)?) => {$(
        #[doc = concat!("The lazily loaded [`", stringify!($page), "`].")]
        pub struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    Register => RegisterPage,
    Rules => RulesPage,
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
    Judge => JudgePage,
    Sheet => SheetPage,
    StagePart => StagePartPage,
    Stage => StagePage,
    Audit => AuditPage,
    Secretary => SecretaryPage,
    ResultsHub => ResultsHubPage,
    RoundResults => RoundResultsPage,
    StageResults => StageResultsPage,
    AllRounds => AllRoundsPage,
    PrintRound => PrintRoundPage,
    PrintStage => PrintStagePage,
    Certificates => CertificatesPage,
    Audience => AudiencePage,
    AudienceProjector => AudienceProjectorPage,
    AudienceDesk => AudienceDeskPage,
    Tickets => TicketsPage,
    Projector => ProjectorPage,
    LiveProjector => LiveProjectorPage,
    LiveList => LiveListPage,
    LiveHost => LiveHostPage,
    Team => TeamPage,
}
