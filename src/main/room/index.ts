/** The panel room: members score on their own devices over the local network, every body sealed. */
export { createPanelRooms, roomInterfaces, ROOM_ADDRESS_VARIABLE, type PanelRoomsOptions } from './rooms';
export { CounterWindow, MAX_DEVICES, UNSIGNED_DEVICE_IDLE_MS } from './room';
export { ROOM_MEMBER_OPERATIONS } from './allowed';
export { deviceKeyPair } from './handshake';
export { nativeAead } from './native-aead';
