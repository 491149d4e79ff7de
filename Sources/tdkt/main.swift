print("tdkt")
