//! New posts announced to everyone who has a thread open (server-sent events carry them).

use tokio::sync::broadcast;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostEvent {
    pub thread_id: i64,
    pub post_id: i64,
}

#[derive(Clone, Debug)]
pub struct Live {
    sender: broadcast::Sender<PostEvent>,
}

impl Default for Live {
    fn default() -> Self {
        // A slow listener that misses events catches up by reloading the thread.
        let (sender, _) = broadcast::channel(256);
        Live { sender }
    }
}

impl Live {
    /// Tells listeners a post became visible; nobody listening is fine.
    pub fn publish(&self, event: PostEvent) {
        let _ = self.sender.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<PostEvent> {
        self.sender.subscribe()
    }
}
