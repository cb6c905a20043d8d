#if canImport(Glibc)
import Glibc
#endif

/// glibc gives threads that allocate at the same time their own malloc arenas (up to eight per
/// core), and each arena keeps the memory freed into it: under load the event loops, the
/// cooperative pool and the forward pass's threads each grow one, and the server's resident
/// memory climbs with them. The server allocates little per request, so a few shared arenas cost
/// it nothing measurable and bound that growth. `MALLOC_ARENA_MAX`, when set, wins (glibc reads
/// it itself).
enum MallocArenas {
    static let serverLimit: Int32 = 2

    static func limit(environment: [String: String]) {
        #if canImport(Glibc)
        guard environment["MALLOC_ARENA_MAX"] == nil else { return }
        mallopt(M_ARENA_MAX, serverLimit)
        #endif
    }
}
