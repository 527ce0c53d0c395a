//! Anti-spam for forms sent without an account, all without a third party and without
//! JavaScript: a signed form token that carries when the form was shown and the sum the
//! visitor is asked, a honeypot field, and, when JavaScript runs, a proof of work.

use crate::model::{form::Problem, pow};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

/// People need a moment to read and type; scripts do not wait.
pub const MIN_SECONDS: i64 = 3;
/// A form left open longer than this is shown again with a fresh token.
pub const MAX_SECONDS: i64 = 6 * 60 * 60;

/// The question a form asks: what is `a` plus `b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub a: u8,
    pub b: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormToken {
    pub issued_at: i64,
    pub scope: i64,
    pub question: Question,
    pub nonce: u64,
}

fn mac(secret: &[u8], payload: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key size");
    mac.update(payload.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

impl FormToken {
    /// A new token for a form about `scope` (a place id), shown at `now`.
    pub fn new(scope: i64, now: i64) -> Self {
        let mut rng = rand::thread_rng();
        FormToken {
            issued_at: now,
            scope,
            question: Question {
                a: rng.gen_range(2..=9),
                b: rng.gen_range(2..=9),
            },
            nonce: rng.gen(),
        }
    }

    fn payload(&self) -> String {
        format!(
            "v1.{}.{}.{}.{}.{:x}",
            self.issued_at, self.scope, self.question.a, self.question.b, self.nonce
        )
    }

    pub fn sign(&self, secret: &[u8]) -> String {
        let payload = self.payload();
        format!(
            "{payload}.{}",
            URL_SAFE_NO_PAD.encode(mac(secret, &payload))
        )
    }

    /// The token's content, if it was signed with `secret` and is well formed.
    pub fn verify(token: &str, secret: &[u8]) -> Option<Self> {
        let (payload, signature) = token.rsplit_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut check = <Hmac<Sha256> as Mac>::new_from_slice(secret).ok()?;
        check.update(payload.as_bytes());
        check.verify_slice(&signature).ok()?;
        let mut parts = payload.split('.');
        if parts.next()? != "v1" {
            return None;
        }
        let token = FormToken {
            issued_at: parts.next()?.parse().ok()?,
            scope: parts.next()?.parse().ok()?,
            question: Question {
                a: parts.next()?.parse().ok()?,
                b: parts.next()?.parse().ok()?,
            },
            nonce: u64::from_str_radix(parts.next()?, 16).ok()?,
        };
        parts.next().is_none().then_some(token)
    }
}

/// What the visitor filled in besides their message.
pub struct Submission<'a> {
    pub token: &'a str,
    pub honeypot: &'a str,
    pub answer: &'a str,
    pub proof: &'a str,
}

/// Which field is wrong, if any. `scope` must match the token's.
pub fn check(
    submission: &Submission,
    secret: &[u8],
    scope: i64,
    now: i64,
) -> Result<(), (&'static str, Problem)> {
    if !submission.honeypot.trim().is_empty() {
        return Err(("website", Problem::BadCharacters));
    }
    let token = FormToken::verify(submission.token, secret)
        .filter(|t| t.scope == scope)
        .ok_or(("answer", Problem::Expired))?;
    let age = now - token.issued_at;
    if !(-60..=MAX_SECONDS).contains(&age) {
        return Err(("answer", Problem::Expired));
    }
    if age < MIN_SECONDS {
        return Err(("body", Problem::TooFast));
    }
    if parse_answer(submission.answer)
        != Some(u32::from(token.question.a) + u32::from(token.question.b))
    {
        return Err(("answer", Problem::WrongAnswer));
    }
    // Without JavaScript there is no proof; a proof that is sent must be right.
    let proof = submission.proof.trim();
    if !proof.is_empty() {
        let solved = proof
            .parse::<u64>()
            .is_ok_and(|n| pow::is_solution(submission.token, n, pow::DIFFICULTY_BITS));
        if !solved {
            return Err(("answer", Problem::Expired));
        }
    }
    Ok(())
}

const WORDS: [(&str, u32); 34] = [
    ("vier", 4),
    ("vijf", 5),
    ("zes", 6),
    ("zeven", 7),
    ("acht", 8),
    ("negen", 9),
    ("tien", 10),
    ("elf", 11),
    ("twaalf", 12),
    ("dertien", 13),
    ("veertien", 14),
    ("vijftien", 15),
    ("zestien", 16),
    ("zeventien", 17),
    ("achttien", 18),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("drie", 3),
    ("three", 3),
    ("twee", 2),
    ("two", 2),
];

/// Digits, or the number written out in Dutch or English ("12", "twaalf", " Twelve ").
pub fn parse_answer(answer: &str) -> Option<u32> {
    let answer = answer.trim().to_lowercase();
    answer.parse().ok().or_else(|| {
        WORDS
            .iter()
            .find(|(word, _)| *word == answer)
            .map(|(_, n)| *n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn sent<'a>(token: &'a str, answer: &'a str) -> Submission<'a> {
        Submission {
            token,
            honeypot: "",
            answer,
            proof: "",
        }
    }

    #[test]
    fn a_signed_token_round_trips_and_a_changed_one_does_not() {
        let token = FormToken::new(7, 1000);
        let signed = token.sign(SECRET);
        assert_eq!(FormToken::verify(&signed, SECRET), Some(token.clone()));
        assert_eq!(FormToken::verify(&signed, b"another secret"), None);
        let forged = signed.replacen("v1.1000.", "v1.0.", 1);
        assert_eq!(FormToken::verify(&forged, SECRET), None);
        assert_eq!(FormToken::verify("garbage", SECRET), None);
    }

    #[test]
    fn every_guard_refuses_on_its_own() {
        let token = FormToken::new(7, 1000);
        let signed = token.sign(SECRET);
        let right = (token.question.a + token.question.b).to_string();
        assert_eq!(check(&sent(&signed, &right), SECRET, 7, 1010), Ok(()));
        assert_eq!(
            check(&sent(&signed, &right), SECRET, 7, 1001),
            Err(("body", Problem::TooFast))
        );
        assert_eq!(
            check(&sent(&signed, &right), SECRET, 7, 1000 + MAX_SECONDS + 1),
            Err(("answer", Problem::Expired))
        );
        assert_eq!(
            check(&sent(&signed, &right), SECRET, 8, 1010),
            Err(("answer", Problem::Expired)),
            "token of another place"
        );
        assert_eq!(
            check(&sent(&signed, "99"), SECRET, 7, 1010),
            Err(("answer", Problem::WrongAnswer))
        );
        let bot = Submission {
            honeypot: "http://spam",
            ..sent(&signed, &right)
        };
        assert_eq!(
            check(&bot, SECRET, 7, 1010),
            Err(("website", Problem::BadCharacters))
        );
        let bad_proof = Submission {
            proof: "12345",
            ..sent(&signed, &right)
        };
        if !pow::is_solution(&signed, 12345, pow::DIFFICULTY_BITS) {
            assert_eq!(
                check(&bad_proof, SECRET, 7, 1010),
                Err(("answer", Problem::Expired))
            );
        }
        let solution = pow::search(&signed, pow::DIFFICULTY_BITS, 0, u64::MAX)
            .unwrap()
            .to_string();
        let good_proof = Submission {
            proof: &solution,
            ..sent(&signed, &right)
        };
        assert_eq!(check(&good_proof, SECRET, 7, 1010), Ok(()));
    }

    #[test]
    fn answers_in_digits_or_words() {
        assert_eq!(parse_answer(" 12 "), Some(12));
        assert_eq!(parse_answer("Twaalf"), Some(12));
        assert_eq!(parse_answer("twelve"), Some(12));
        assert_eq!(parse_answer("veel"), None);
    }
}
