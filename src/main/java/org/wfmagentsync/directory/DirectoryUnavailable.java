package org.wfmagentsync.directory;

/** The org's directory could not be read just now; the message says which call and what it got. */
class DirectoryUnavailable extends Exception {

    DirectoryUnavailable(String message) {
        super(message);
    }
}
