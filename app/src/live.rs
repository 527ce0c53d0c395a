//! New posts and lights switched on or off, announced to everyone who has a page open that
//! shows them (server-sent events carry them).

use tokio::sync::broadcast;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostEvent {
    pub thread_id: i64,
    pub post_id: i64,
}

/// A place's light went on or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LightEvent {
    pub place_id: i64,
    pub neighbourhood_id: i64,
}

#[derive(Clone, Debug)]
pub struct Live {
    sender: broadcast::Sender<PostEvent>,
    lights: broadcast::Sender<LightEvent>,
}

impl Default for Live {
    fn default() -> Self {
        // A slow listener that misses events catches up by reloading.
        let (sender, _) = broadcast::channel(256);
        let (lights, _) = broadcast::channel(256);
        Live { sender, lights }
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

    pub fn publish_light(&self, event: LightEvent) {
        let _ = self.lights.send(event);
    }

    pub fn subscribe_lights(&self) -> broadcast::Receiver<LightEvent> {
        self.lights.subscribe()
    }
}
