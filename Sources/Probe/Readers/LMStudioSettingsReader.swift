// Reads LM Studio's settings: `settings.json`'s `downloadsFolder` (where the app was told to keep
// models) and the port in `.internal/http-server-config.json`.

import Foundation

public enum LMStudioSettingsReader {
    /// The models folder the settings name; nil when they name none or are not JSON.
    public static func downloadsFolder(_ json: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        guard let folder = object["downloadsFolder"] as? String, folder.hasPrefix("/") else { return nil }
        return folder
    }

    public static func serverPort(_ json: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        return object["port"] as? Int
    }
}
