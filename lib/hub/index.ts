// Serving the kit to a class: registering one shared install on a hub, and each user's lesson copy.
export * from './install';
export * from './lessons';
