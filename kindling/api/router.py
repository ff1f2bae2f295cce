from ninja import NinjaAPI

api = NinjaAPI(title="Kindling API", version="1")
