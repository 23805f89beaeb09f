import Foundation

extension WorkerConfiguration {
    /// Makes this configuration instance `number` of a systemd template (`newsworker@N`): the worker id gets
    /// `-N` and the HTTP port grows by N, so instances on one host don't collide; the group stays the same.
    public mutating func applyInstance(_ number: Int) {
        let base = worker.id.isEmpty ? ProcessInfo.processInfo.hostName : worker.id
        worker.id = "\(base)-\(number)"
        if let address = HostAndPort(http.listen), address.port != 0 {
            http.listen = HostAndPort(host: address.host, port: address.port + number).description
        }
    }
}
