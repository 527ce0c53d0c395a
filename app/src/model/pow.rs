//! A small proof of work for forms sent without an account: the browser spends a fraction of
//! a second finding a number, which costs a spammer sending thousands of forms real time.
//! Shared by the server (checking) and the browser (solving).

use sha2::{Digest, Sha256};

/// Leading zero bits asked for: about 65 000 hashes on average, well under a second in wasm.
pub const DIFFICULTY_BITS: u32 = 16;

fn leading_zero_bits(digest: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in digest {
        if *byte == 0 {
            bits += 8;
        } else {
            bits += byte.leading_zeros();
            break;
        }
    }
    bits
}

/// Whether `solution` solves the `challenge` at `bits` difficulty.
pub fn is_solution(challenge: &str, solution: u64, bits: u32) -> bool {
    let mut hasher = Sha256::new();
    hasher.update(challenge.as_bytes());
    hasher.update(b":");
    hasher.update(solution.to_string().as_bytes());
    leading_zero_bits(&hasher.finalize()) >= bits
}

/// Tries `count` numbers from `start`; the first that solves the challenge, if any.
pub fn search(challenge: &str, bits: u32, start: u64, count: u64) -> Option<u64> {
    (start..start.saturating_add(count)).find(|n| is_solution(challenge, *n, bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_found_solution_verifies_and_others_do_not() {
        let challenge = "v1.test";
        let found = search(challenge, 8, 0, 100_000).expect("8 bits are found quickly");
        assert!(is_solution(challenge, found, 8));
        assert!(!is_solution("other", found, 30));
        assert_eq!(leading_zero_bits(&[0, 0b0001_0000]), 11);
        assert_eq!(leading_zero_bits(&[0xff]), 0);
    }
}
