public enum Vietnamese {}
