//! Anti-spam for forms sent without an account, all without a third party: a signed form
//! token that carries when the form was shown and is good for one submission, a honeypot
//! field, a question whose answer the token does not reveal (the server derives it from the
//! token with its secret), and, for forms sent by the page's script, a proof of work. A form
//! sent without JavaScript must answer the question; one sent by the script must answer it
//! and bring the proof.

use crate::model::{form::Problem, pow};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

/// People need a moment to read and type; scripts do not wait. Counted in milliseconds, so
/// 2.4 s is too fast for a floor of 3 s.
pub const MIN_MILLIS: i64 = 3_000;
/// A form left open longer than this is shown again with a fresh token; a used token is
/// remembered this long.
pub const MAX_SECONDS: i64 = 6 * 60 * 60;

/// The question a form asks: what is `a` plus `b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub a: u8,
    pub b: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormToken {
    /// When the form was shown, in Unix milliseconds.
    pub issued_at: i64,
    pub scope: i64,
    pub nonce: u64,
}

fn mac(secret: &[u8], payload: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key size");
    mac.update(payload.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

impl FormToken {
    /// A new token for a form about `scope` (a place id), shown at `now_ms` (Unix
    /// milliseconds).
    pub fn new(scope: i64, now_ms: i64) -> Self {
        FormToken {
            issued_at: now_ms,
            scope,
            nonce: rand::thread_rng().gen(),
        }
    }

    fn payload(&self) -> String {
        format!("v3.{}.{}.{:x}", self.issued_at, self.scope, self.nonce)
    }

    /// What identifies this token in the store of used tokens.
    pub fn id(&self) -> String {
        format!("{:x}", self.nonce)
    }

    /// The question that goes with this token: derived with the secret, so the token alone
    /// does not give the answer away.
    pub fn question(&self, secret: &[u8]) -> Question {
        let digest = mac(secret, &format!("question.{}", self.payload()));
        Question {
            a: 2 + digest[0] % 8,
            b: 2 + digest[1] % 8,
        }
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
        if parts.next()? != "v3" {
            return None;
        }
        let token = FormToken {
            issued_at: parts.next()?.parse().ok()?,
            scope: parts.next()?.parse().ok()?,
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
    /// Sent by the page's script rather than as a plain form: then the proof of work is
    /// required too.
    pub from_script: bool,
}

/// The token, if every guard lets the submission through; otherwise which field is wrong.
/// `scope` must match the token's; `now_ms` is the real time in Unix milliseconds. That the
/// token was not used before is for the caller to check, in the same write as the post it
/// brings.
pub fn check(
    submission: &Submission,
    secret: &[u8],
    scope: i64,
    now_ms: i64,
) -> Result<FormToken, (&'static str, Problem)> {
    if !submission.honeypot.trim().is_empty() {
        return Err(("website", Problem::BadCharacters));
    }
    let token = FormToken::verify(submission.token, secret)
        .filter(|t| t.scope == scope)
        .ok_or(("answer", Problem::Expired))?;
    let age = now_ms - token.issued_at;
    if !(-60_000..=MAX_SECONDS * 1000).contains(&age) {
        return Err(("answer", Problem::Expired));
    }
    if age < MIN_MILLIS {
        return Err(("body", Problem::TooFast));
    }
    let question = token.question(secret);
    if parse_answer(submission.answer) != Some(u32::from(question.a) + u32::from(question.b)) {
        return Err(("answer", Problem::WrongAnswer));
    }
    let proof = submission.proof.trim();
    if submission.from_script || !proof.is_empty() {
        let solved = proof
            .parse::<u64>()
            .is_ok_and(|n| pow::is_solution(submission.token, n, pow::DIFFICULTY_BITS));
        if !solved {
            return Err(("answer", Problem::Expired));
        }
    }
    Ok(token)
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
            from_script: false,
        }
    }

    /// When the form was shown, in Unix milliseconds.
    const T0: i64 = 1_000_000;

    fn answer(token: &FormToken) -> String {
        let q = token.question(SECRET);
        (q.a + q.b).to_string()
    }

    #[test]
    fn a_signed_token_round_trips_and_a_changed_one_does_not() {
        let token = FormToken::new(7, T0);
        let signed = token.sign(SECRET);
        assert_eq!(FormToken::verify(&signed, SECRET), Some(token.clone()));
        assert_eq!(FormToken::verify(&signed, b"another secret"), None);
        let forged = signed.replacen("v3.1000000.", "v3.0.", 1);
        assert_eq!(FormToken::verify(&forged, SECRET), None);
        assert_eq!(FormToken::verify("garbage", SECRET), None);
    }

    #[test]
    fn the_token_does_not_carry_the_answer() {
        // Over many tokens, the question varies while nothing in the token but the nonce
        // does: the answer comes from the secret, not from the token's text.
        let mut sums = std::collections::HashSet::new();
        let mut differ = 0;
        for nonce in 0..200u64 {
            let token = FormToken {
                issued_at: 1000,
                scope: 7,
                nonce,
            };
            let q = token.question(SECRET);
            assert!((2..=9).contains(&q.a) && (2..=9).contains(&q.b));
            let signed = token.sign(SECRET);
            let fields: Vec<&str> = signed.split('.').collect();
            assert_eq!(
                fields.len(),
                5,
                "version, time, place, nonce, signature: {signed}"
            );
            sums.insert(q.a + q.b);
            if token.question(SECRET) != token.question(b"another secret 0123456789abcdef!") {
                differ += 1;
            }
        }
        assert!(sums.len() > 10, "the questions vary: {sums:?}");
        // One in 64 agrees by chance.
        assert!(
            differ > 170,
            "another secret gives other questions: {differ} of 200"
        );
    }

    #[test]
    fn every_guard_refuses_on_its_own() {
        let token = FormToken::new(7, T0);
        let signed = token.sign(SECRET);
        let right = answer(&token);
        assert_eq!(
            check(&sent(&signed, &right), SECRET, 7, T0 + 10_000),
            Ok(token.clone())
        );
        assert_eq!(
            check(&sent(&signed, &right), SECRET, 7, T0 + 2_400),
            Err(("body", Problem::TooFast)),
            "2.4 s is under the floor of 3 s"
        );
        assert_eq!(
            check(&sent(&signed, &right), SECRET, 7, T0 + MIN_MILLIS),
            Ok(token.clone())
        );
        assert_eq!(
            check(
                &sent(&signed, &right),
                SECRET,
                7,
                T0 + MAX_SECONDS * 1000 + 1
            ),
            Err(("answer", Problem::Expired))
        );
        assert_eq!(
            check(&sent(&signed, &right), SECRET, 8, T0 + 10_000),
            Err(("answer", Problem::Expired)),
            "token of another place"
        );
        let wrong = (right.parse::<u32>().unwrap() + 1).to_string();
        assert_eq!(
            check(&sent(&signed, &wrong), SECRET, 7, T0 + 10_000),
            Err(("answer", Problem::WrongAnswer))
        );
        let bot = Submission {
            honeypot: "http://spam",
            ..sent(&signed, &right)
        };
        assert_eq!(
            check(&bot, SECRET, 7, T0 + 10_000),
            Err(("website", Problem::BadCharacters))
        );
        let bad_proof = Submission {
            proof: "12345",
            ..sent(&signed, &right)
        };
        if !pow::is_solution(&signed, 12345, pow::DIFFICULTY_BITS) {
            assert_eq!(
                check(&bad_proof, SECRET, 7, T0 + 10_000),
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
        assert_eq!(
            check(&good_proof, SECRET, 7, T0 + 10_000),
            Ok(token.clone())
        );
    }

    #[test]
    fn a_script_must_bring_the_proof_of_work_and_the_answer() {
        let token = FormToken::new(7, T0);
        let signed = token.sign(SECRET);
        let right = answer(&token);
        let without_proof = Submission {
            from_script: true,
            ..sent(&signed, &right)
        };
        assert_eq!(
            check(&without_proof, SECRET, 7, T0 + 10_000),
            Err(("answer", Problem::Expired))
        );
        let solution = pow::search(&signed, pow::DIFFICULTY_BITS, 0, u64::MAX)
            .unwrap()
            .to_string();
        let with_proof = Submission {
            proof: &solution,
            ..without_proof
        };
        assert_eq!(check(&with_proof, SECRET, 7, T0 + 10_000), Ok(token));
        let proof_without_answer = Submission {
            answer: "",
            ..with_proof
        };
        assert_eq!(
            check(&proof_without_answer, SECRET, 7, T0 + 10_000),
            Err(("answer", Problem::WrongAnswer))
        );
    }

    #[test]
    fn answers_in_digits_or_words() {
        assert_eq!(parse_answer(" 12 "), Some(12));
        assert_eq!(parse_answer("Twaalf"), Some(12));
        assert_eq!(parse_answer("twelve"), Some(12));
        assert_eq!(parse_answer("veel"), None);
    }
}
