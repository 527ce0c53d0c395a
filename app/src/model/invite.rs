//! Invite codes as the host's page shows them.

use super::discussion::Moment;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    pub code: String,
    pub uses: i64,
    pub created: Moment,
    pub place_id: i64,
    pub place_slug: String,
    pub place_name: String,
}

/// The code as printed: two groups of four, easy to read aloud and type.
pub fn display_code(code: &str) -> String {
    if code.len() == 8 && code.is_ascii() {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

/// One code ready to print: the link it stands for and that link as a QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCard {
    pub invite: Invite,
    pub url: String,
    /// Made on the server from the URL alone; no user text goes into it.
    pub qr_svg: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitePage {
    pub places: Vec<super::account::HostedPlace>,
    pub cards: Vec<InviteCard>,
}
