//! Parent links (departments, location hierarchies) must stay a forest: a move
//! may not put a node under itself or under one of its descendants.

use std::collections::HashMap;
use uuid::Uuid;

/// Whether hanging `node` under `new_parent` would close a loop, given every
/// node's current parent.
pub fn would_cycle(parents: &HashMap<Uuid, Option<Uuid>>, node: Uuid, new_parent: Uuid) -> bool {
    let mut current = Some(new_parent);
    // A chain longer than the table can only be an existing loop.
    for _ in 0..=parents.len() {
        match current {
            None => return false,
            Some(id) if id == node => return true,
            Some(id) => current = parents.get(&id).copied().flatten(),
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::would_cycle;
    use std::collections::HashMap;
    use uuid::Uuid;

    #[test]
    fn moves_under_self_or_descendants_close_a_loop() {
        let (a, b, c, d) = (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        );
        // a <- b <- c, and d on its own.
        let parents = HashMap::from([(a, None), (b, Some(a)), (c, Some(b)), (d, None)]);
        assert!(would_cycle(&parents, a, a));
        assert!(would_cycle(&parents, a, c));
        assert!(would_cycle(&parents, b, c));
        assert!(!would_cycle(&parents, c, a));
        assert!(!would_cycle(&parents, a, d));
        assert!(!would_cycle(&parents, d, c));
    }
}
